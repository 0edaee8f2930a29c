/* libFuzzer target: the pose parser on any bytes. Nothing may crash; a clip
 * that parses must sample to finite, grounded frames over a whole cycle and
 * both sides. Built by tests/fuzz/run, replayed by the fuzz_replay tests. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "anim.h"
#include "pose.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    DiagList diags = { 0 };
    PoseClip *clip = pose_parse((const char *)data, size, "fuzz.pose", &diags);
    if (clip) {
        AnimTiming timing = { 2.0, 1.0 };
        for (int i = 0; i <= 12; i++) {
            FigureFrame f;
            anim_frame(clip, timing, i * 0.25, i % 2 == 1, &f);
            float lowest = INFINITY;
            for (int j = 0; j < SKEL_JOINT_COUNT; j++) {
                if (!isfinite(f.joint[j].x) || !isfinite(f.joint[j].y))
                    abort();
                lowest = fminf(lowest, f.joint[j].y);
            }
            /* grounded on the floor: nothing below it (water floats) */
            if (f.floor && lowest < -0.01f)
                abort();
            (void)anim_phase(clip, timing, i * 0.25);
        }
        pose_free(clip);
    }
    diag_free(&diags);
    return 0;
}
