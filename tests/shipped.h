/* The exercises Limber ships, in the article's order (data/exercises.csv),
 * and their pose files, for the tests that check every one. Include after
 * cmocka.h. */
#ifndef LIMBER_TESTS_SHIPPED_H
#define LIMBER_TESTS_SHIPPED_H

#include <stdio.h>

#include "pose.h"

static const char *const shipped_ids[] = {
    "hamstring-stretch", "cat-camel", "childs-pose", "bridge", "bird-dog", "plank",
    "walking", "cycling", "swimming", "cobra", "pilates-swimming", "forward-bend",
    "dead-bug", "russian-twist", "superman", "pelvic-tilt", "hip-flexor-stretch",
    "spinal-twist",
};
#define SHIPPED_COUNT (sizeof shipped_ids / sizeof shipped_ids[0])

/* assets/poses/ID.pose of the source tree; the test fails if it does not load. */
static inline PoseClip *shipped_pose(const char *id)
{
    char path[512];
    snprintf(path, sizeof path, "%s/assets/poses/%s.pose", LIMBER_SOURCE_DIR, id);
    DiagList diags = { 0 };
    PoseClip *clip = pose_load(path, &diags);
    diag_free(&diags);
    assert_non_null(clip);
    return clip;
}

#endif
