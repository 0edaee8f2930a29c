/* pose: the keyframe file of one exercise, parsed from a buffer into a
 * clip. The format is documented in docs/pose-format.md. */
#include "pose.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

/* Marks text for po/limber.pot: the core returns English, the screens
 * translate it where it is shown. */
#define N_(s) s

struct PoseClip {
    char *file;
    SkelStage stage;
    PoseSide side;
    PoseKey *keys;
    size_t key_count;
    double loop_beat;
    char **phases;          /* every phase name, owned here */
    size_t phase_count;
    unsigned focus;         /* SKEL_JOINT_BIT of each joint in focus */
    int detail_joint;       /* its 'detail' line: -1 without one */
    float detail_zoom;
    bool floor_moves;       /* its 'floor moves' line */
    float floor_cycle[2];   /* the floor's shift over a cycle; [1] mirrored */
};

/* ---- Accessors ---------------------------------------------------------- */

const char *pose_file(const PoseClip *clip) { return clip->file; }
const SkelStage *pose_stage(const PoseClip *clip) { return &clip->stage; }
PoseSide pose_side(const PoseClip *clip) { return clip->side; }
float pose_floor_cycle(const PoseClip *clip, bool mirrored) { return clip->floor_cycle[mirrored]; }

bool pose_mirror_for(const PoseClip *clip, StepSide working)
{
    if (working == STEP_SIDE_BOTH)
        return false;
    SkelSide shown = clip->side.what == POSE_WORKS_UNSAID ? SKEL_RIGHT : clip->side.side;
    return (working == STEP_SIDE_LEFT) != (shown == SKEL_LEFT);
}

const char *pose_side_label(PoseWorks what, StepSide working)
{
    if (working == STEP_SIDE_BOTH)
        return "";
    bool left = working == STEP_SIDE_LEFT;
    switch (what) {
    case POSE_WORKS_LEG: return left ? N_("Left leg") : N_("Right leg");
    case POSE_WORKS_KNEE: return left ? N_("Left knee down") : N_("Right knee down");
    case POSE_WORKS_ARM_LEG: return left ? N_("Left arm, right leg") : N_("Right arm, left leg");
    case POSE_WORKS_TURN: return left ? N_("Turn to the left") : N_("Turn to the right");
    case POSE_WORKS_UNSAID: break;
    }
    return "";
}

void pose_check_side(const PoseClip *clip, const Exercise *ex, DiagList *diags)
{
    if (ex->sides != SIDES_NONE && clip->side.what == POSE_WORKS_UNSAID)
        diag_add(diags, DIAG_POSE_NO_SIDE, clip->file, 0, 0, "exercise '%s' (sides %s)", ex->id,
                 sides_id(ex->sides));
}
size_t pose_key_count(const PoseClip *clip) { return clip->key_count; }
double pose_loop_beat(const PoseClip *clip) { return clip->loop_beat; }
unsigned pose_focus(const PoseClip *clip) { return clip->focus; }

bool pose_detail(const PoseClip *clip, SkelJoint *joint, float *zoom)
{
    if (clip->detail_joint < 0)
        return false;
    *joint = (SkelJoint)clip->detail_joint;
    *zoom = clip->detail_zoom;
    return true;
}

const PoseKey *pose_key(const PoseClip *clip, size_t i)
{
    return i < clip->key_count ? &clip->keys[i] : NULL;
}

double pose_ease(PoseEasing easing, double u)
{
    if (u <= 0.0)
        return 0.0;
    if (u >= 1.0)
        return 1.0;
    switch (easing) {
    case POSE_EASE_IN_OUT: return 0.5 - 0.5 * cos(u * 3.14159265358979323846);
    case POSE_EASE_IN: return u * u;
    case POSE_EASE_OUT: return u * (2.0 - u);
    case POSE_LINEAR: break;
    }
    return u;
}

void pose_free(PoseClip *clip)
{
    if (!clip)
        return;
    for (size_t i = 0; i < clip->phase_count; i++)
        free(clip->phases[i]);
    free(clip->phases);
    free(clip->keys);
    free(clip->file);
    free(clip);
}

/* ---- Names in the file ---------------------------------------------------- */

typedef struct {
    const char *name;
    unsigned joints;
} NamedJoints;

#define B(j) SKEL_JOINT_BIT(SKEL_##j)
static const NamedJoints contact_names[] = {
    { "hands", B(HAND_L) | B(HAND_R) },       { "hand.l", B(HAND_L) },   { "hand.r", B(HAND_R) },
    { "knees", B(KNEE_L) | B(KNEE_R) },       { "knee.l", B(KNEE_L) },   { "knee.r", B(KNEE_R) },
    { "feet", B(HEEL_L) | B(TOE_L) | B(HEEL_R) | B(TOE_R) },
    { "foot.l", B(HEEL_L) | B(TOE_L) },       { "foot.r", B(HEEL_R) | B(TOE_R) },
    { "toes", B(TOE_L) | B(TOE_R) },          { "toe.l", B(TOE_L) },     { "toe.r", B(TOE_R) },
    { "heels", B(HEEL_L) | B(HEEL_R) },       { "heel.l", B(HEEL_L) },   { "heel.r", B(HEEL_R) },
    /* the tops of the feet (kneeling, lying face down) and the balls of the
     * feet (toes tucked under): the toe joints rest on the floor either way */
    { "insteps", B(BALL_L) | B(BALL_R) },     { "instep.l", B(BALL_L) }, { "instep.r", B(BALL_R) },
    { "balls", B(BALL_L) | B(BALL_R) },       { "ball.l", B(BALL_L) },   { "ball.r", B(BALL_R) },
    { "seat", B(PELVIS) },                    { "pelvis", B(PELVIS) },
    { "forearms", B(ELBOW_L) | B(WRIST_L) | B(ELBOW_R) | B(WRIST_R) },
    { "forearm.l", B(ELBOW_L) | B(WRIST_L) }, { "forearm.r", B(ELBOW_R) | B(WRIST_R) },
    { "elbows", B(ELBOW_L) | B(ELBOW_R) },    { "elbow.l", B(ELBOW_L) }, { "elbow.r", B(ELBOW_R) },
    { "back", B(CHEST) | B(PELVIS) },         { "upper-back", B(CHEST) },
    { "belly", B(LUMBAR) | B(PELVIS) },       { "head", B(HEAD) },
};

/* What a 'focus' line names: a part of the body by the joint that moves it,
 * as angle names do (lumbar.flex moves the lumbar spine, hip.flex.l the
 * left thigh). Each stands for the joints at both ends of the bones it
 * moves; drawing accents every bone whose two ends are in focus. */
static const NamedJoints focus_names[] = {
    { "pelvis", B(PELVIS) | B(HIP_L) | B(HIP_R) | B(SACRUM) | B(ASIS) },
    { "lumbar", B(PELVIS) | B(L4) | B(L2) | B(LUMBAR) },
    { "thoracic", B(LUMBAR) | B(T9) | B(T5) | B(CHEST) },
    { "neck", B(CHEST) | B(HEAD) },
    { "shoulder-line", B(CHEST) | B(SHOULDER_L) | B(SHOULDER_R) }, /* what a twist turns */
    { "hip", B(HIP_L) | B(KNEE_L) | B(HIP_R) | B(KNEE_R) },
    { "hip.l", B(HIP_L) | B(KNEE_L) },        { "hip.r", B(HIP_R) | B(KNEE_R) },
    { "knee", B(KNEE_L) | B(ANKLE_L) | B(KNEE_R) | B(ANKLE_R) },
    { "knee.l", B(KNEE_L) | B(ANKLE_L) },     { "knee.r", B(KNEE_R) | B(ANKLE_R) },
    { "ankle", B(ANKLE_L) | B(HEEL_L) | B(BALL_L) | B(TOE_L) | B(ANKLE_R) | B(HEEL_R) |
                   B(BALL_R) | B(TOE_R) },
    { "ankle.l", B(ANKLE_L) | B(HEEL_L) | B(BALL_L) | B(TOE_L) },
    { "ankle.r", B(ANKLE_R) | B(HEEL_R) | B(BALL_R) | B(TOE_R) },
    { "shoulder", B(SHOULDER_L) | B(ELBOW_L) | B(SHOULDER_R) | B(ELBOW_R) },
    { "shoulder.l", B(SHOULDER_L) | B(ELBOW_L) }, { "shoulder.r", B(SHOULDER_R) | B(ELBOW_R) },
    { "elbow", B(ELBOW_L) | B(WRIST_L) | B(ELBOW_R) | B(WRIST_R) },
    { "elbow.l", B(ELBOW_L) | B(WRIST_L) },   { "elbow.r", B(ELBOW_R) | B(WRIST_R) },
    { "wrist", B(WRIST_L) | B(HAND_L) | B(WRIST_R) | B(HAND_R) },
    { "wrist.l", B(WRIST_L) | B(HAND_L) },    { "wrist.r", B(WRIST_R) | B(HAND_R) },
};
#undef B

static const char *const joint_names[SKEL_JOINT_COUNT] = {
    "pelvis", "lumbar", "chest", "head",
    "hip.l", "knee.l", "ankle.l", "heel.l", "toe.l",
    "hip.r", "knee.r", "ankle.r", "heel.r", "toe.r",
    "shoulder.l", "elbow.l", "wrist.l", "hand.l",
    "shoulder.r", "elbow.r", "wrist.r", "hand.r",
    "l4", "l2", "t9", "t5", "sacrum", "asis", "ball.l", "ball.r",
    "nose",
};

static const char *const easing_names[] = { "linear", "ease-in-out", "ease-in", "ease-out" };
static const char *const prop_names[] = { "none", "mat", "chair", "bike", "water" };

/* ---- Tokens ------------------------------------------------------------------ */

typedef struct {
    const char *s;
    size_t len;
    int col;
} Token;

static bool tok_is(Token t, const char *word)
{
    return t.len == strlen(word) && memcmp(t.s, word, t.len) == 0;
}

/* Index of the token among names, or -1. */
static int tok_index(Token t, const char *const *names, int count)
{
    for (int i = 0; i < count; i++)
        if (tok_is(t, names[i]))
            return i;
    return -1;
}

/* A decimal number: optional sign, digits, optional fraction. No exponent,
 * no hex, no inf or nan: a person writes degrees and beats. */
static bool tok_number(Token t, double *out)
{
    char buf[32];
    size_t i = 0, digits = 0;
    if (t.len == 0 || t.len >= sizeof buf)
        return false;
    if (t.s[i] == '-' || t.s[i] == '+')
        i++;
    for (; i < t.len && isdigit((unsigned char)t.s[i]); i++)
        digits++;
    if (i < t.len && t.s[i] == '.')
        for (i++; i < t.len && isdigit((unsigned char)t.s[i]); i++)
            digits++;
    if (i != t.len || digits == 0)
        return false;
    memcpy(buf, t.s, t.len);
    buf[t.len] = '\0';
    *out = strtod(buf, NULL);
    return true;
}

/* Splits one line (without its newline) into words; a '#' starts a comment.
 * Returns the number of words, at most max (the rest are counted only). */
static int split_words(const char *line, size_t len, Token *words, int max)
{
    int n = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
            i++;
        if (i >= len || line[i] == '#')
            break;
        size_t start = i;
        while (i < len && line[i] != ' ' && line[i] != '\t' && line[i] != '\r' && line[i] != '#')
            i++;
        if (n < max) {
            words[n].s = line + start;
            words[n].len = i - start;
            words[n].col = (int)start + 1;
        }
        n++;
    }
    return n;
}

/* ---- The parser ---------------------------------------------------------------- */

#define MAX_WORDS 24

typedef struct {
    PoseClip *clip;
    const char *file;
    DiagList *diags;
    int line;
    bool fatal;
    /* the block angle lines go to: the base or a key */
    enum { IN_NONE, IN_BASE, IN_KEY } block;
    SkelAngles base;
    uint64_t *set;          /* per key: which table entries it sets */
    size_t key_cap;
    bool have_contacts;
    unsigned contacts;      /* the file's default */
    uint8_t *key_has_contacts;
    bool have_loop;
    int hold_line;
    int have_focus;         /* the line of the 'focus' line, 0 before it */
} Parser;

static void fail(Parser *p, DiagKind kind, Token at, const char *what)
{
    char ex[CSV_EXCERPT_SIZE]; /* a pose file may hold any bytes: quote them safely */
    csv_excerpt(ex, at.s, at.len);
    diag_add(p->diags, kind, p->file, p->line, at.col, "%s '%s'", what, ex);
    p->fatal = true;
}

static void fail_at(Parser *p, DiagKind kind, int col, const char *detail)
{
    diag_add(p->diags, kind, p->file, p->line, col, "%s", detail);
    p->fatal = true;
}

static bool expect_end(Parser *p, const Token *w, int n, int used)
{
    if (n > used) {
        fail(p, DIAG_POSE_EXTRA, w[used], "got");
        return false;
    }
    return true;
}

/* The union of the names w[1..n) in table; the first unknown one is a
 * diag of kind. */
static bool parse_names(Parser *p, const Token *w, int n, const NamedJoints *table,
                        size_t count, DiagKind kind, unsigned *out)
{
    unsigned mask = 0;
    for (int i = 1; i < n && i < MAX_WORDS; i++) {
        bool found = false;
        for (size_t c = 0; c < count; c++)
            if (tok_is(w[i], table[c].name)) {
                mask |= table[c].joints;
                found = true;
            }
        if (!found) {
            fail(p, kind, w[i], "got");
            return false;
        }
    }
    *out = mask;
    return true;
}

static bool parse_contacts(Parser *p, const Token *w, int n, unsigned *out)
{
    return parse_names(p, w, n, contact_names, sizeof contact_names / sizeof contact_names[0],
                       DIAG_POSE_CONTACT_NAME, out);
}

/* detail JOINT ZOOM: once per file, anywhere. */
static void parse_detail(Parser *p, const Token *w, int n)
{
    int joint = n > 1 ? tok_index(w[1], joint_names, SKEL_JOINT_COUNT) : -1;
    double zoom;
    if (n < 3) {
        fail_at(p, DIAG_POSE_DETAIL, w[0].col, "expected a joint and a magnification");
    } else if (joint < 0) {
        fail(p, DIAG_POSE_DETAIL, w[1], "got");
    } else if (!tok_number(w[2], &zoom) || zoom < POSE_DETAIL_ZOOM_MIN ||
               zoom > POSE_DETAIL_ZOOM_MAX) {
        fail(p, DIAG_POSE_DETAIL, w[2], "got");
    } else if (p->clip->detail_joint >= 0) {
        fail(p, DIAG_POSE_DETAIL, w[0], "a second line");
    } else if (expect_end(p, w, n, 3)) {
        p->clip->detail_joint = joint;
        p->clip->detail_zoom = (float)zoom;
    }
}

/* floor moves: once per file, anywhere. */
static void parse_floor(Parser *p, const Token *w, int n)
{
    if (n < 2)
        fail_at(p, DIAG_POSE_FLOOR, w[0].col, "nothing after 'floor'");
    else if (!tok_is(w[1], "moves"))
        fail(p, DIAG_POSE_FLOOR, w[1], "got");
    else if (p->clip->floor_moves)
        fail(p, DIAG_POSE_FLOOR, w[0], "a second line");
    else if (expect_end(p, w, n, 2))
        p->clip->floor_moves = true;
}

/* focus NAME... : once per file, anywhere. */
static void parse_focus(Parser *p, const Token *w, int n)
{
    unsigned mask;
    if (n < 2) {
        fail_at(p, DIAG_POSE_MISSING_VALUE, w[0].col, "expected one or more parts to focus on");
        return;
    }
    if (p->have_focus) {
        char detail[48];
        snprintf(detail, sizeof detail, "the first is on line %d", p->have_focus);
        fail_at(p, DIAG_POSE_FOCUS_TWICE, w[0].col, detail);
        return;
    }
    if (parse_names(p, w, n, focus_names, sizeof focus_names / sizeof focus_names[0],
                    DIAG_POSE_FOCUS_NAME, &mask)) {
        p->clip->focus = mask;
        p->have_focus = p->line;
    }
}

static void parse_camera(Parser *p, const Token *w, int n)
{
    static const char *const views[] = { "side", "three-quarter", "front" };
    static const float yaws[] = { 0.0f, 45.0f, 90.0f };
    int v = n > 1 ? tok_index(w[1], views, 3) : -1;
    double yaw = 0.0;
    /* or the yaw itself, in degrees from the side view towards the front:
     * a twist may need a view between three-quarter and front */
    bool degrees = v < 0 && n > 1 && tok_number(w[1], &yaw) && yaw >= 0 && yaw <= 90;
    if (v < 0 && !degrees) {
        if (n > 1)
            fail(p, DIAG_POSE_CAMERA, w[1], "got");
        else
            fail_at(p, DIAG_POSE_CAMERA, w[0].col, "nothing after 'camera'");
        return;
    }
    p->clip->stage.camera.yaw = degrees ? (float)yaw : yaws[v];
    p->clip->stage.camera.pitch = 0.0f;
    if (n == 2)
        return;
    double pitch;
    if (!tok_is(w[2], "pitch")) {
        fail(p, DIAG_POSE_CAMERA, w[2], "got");
        return;
    }
    if (n < 4) {
        fail_at(p, DIAG_POSE_MISSING_VALUE, w[2].col, "expected degrees after 'pitch'");
        return;
    }
    if (!tok_number(w[3], &pitch) || pitch < -90 || pitch > 90) {
        fail(p, DIAG_POSE_NUMBER, w[3], "expected degrees from -90 to 90, got");
        return;
    }
    p->clip->stage.camera.pitch = (float)pitch;
    expect_end(p, w, n, 4);
}

static void parse_prop(Parser *p, const Token *w, int n)
{
    int v = n > 1 ? tok_index(w[1], prop_names, 5) : -1;
    if (v < 0) {
        if (n > 1)
            fail(p, DIAG_POSE_PROP, w[1], "got");
        else
            fail_at(p, DIAG_POSE_PROP, w[0].col, "nothing after 'prop'");
        return;
    }
    p->clip->stage.prop = (PropKind)v;
    if (v == PROP_WATER && n > 2) {
        double depth;
        if (!tok_number(w[2], &depth) || depth < 0 || depth > 2) {
            fail(p, DIAG_POSE_NUMBER, w[2], "expected the pelvis depth in metres, 0 to 2, got");
            return;
        }
        p->clip->stage.water_depth = (float)depth;
        expect_end(p, w, n, 3);
        return;
    }
    expect_end(p, w, n, 2);
}

static bool add_phase(Parser *p, Token name, const char **out)
{
    for (size_t i = 0; i < p->clip->phase_count; i++)
        if (tok_is(name, p->clip->phases[i])) {
            *out = p->clip->phases[i];
            return true;
        }
    char **phases = realloc(p->clip->phases, (p->clip->phase_count + 1) * sizeof *phases);
    if (!phases)
        return false;
    p->clip->phases = phases;
    char *copy = malloc(name.len + 1);
    if (!copy)
        return false;
    memcpy(copy, name.s, name.len);
    copy[name.len] = '\0';
    phases[p->clip->phase_count++] = copy;
    *out = copy;
    return true;
}

static bool last_beat(const Parser *p, double *beat)
{
    if (p->clip->key_count == 0)
        return false;
    *beat = p->clip->keys[p->clip->key_count - 1].beat;
    return true;
}

/* key BEAT PHASE [EASING] */
static void parse_key(Parser *p, const Token *w, int n)
{
    PoseClip *c = p->clip;
    double beat, prev;
    if (n < 3) {
        fail_at(p, DIAG_POSE_MISSING_VALUE, w[0].col, "expected 'key BEAT PHASE [EASING]'");
        return;
    }
    if (!tok_number(w[1], &beat) || beat < 0 || beat > 1e6) {
        fail(p, DIAG_POSE_NUMBER, w[1], "expected a beat, 0 or more, got");
        return;
    }
    if (p->have_loop) {
        fail(p, DIAG_POSE_TIME_ORDER, w[0], "a key after 'loop':");
        return;
    }
    if (last_beat(p, &prev) && beat <= prev) {
        fail(p, DIAG_POSE_TIME_ORDER, w[1], "expected more than the previous key's beat, got");
        return;
    }
    if (c->key_count == POSE_MAX_KEYS) {
        fail_at(p, DIAG_POSE_TOO_MANY_KEYS, w[0].col, "at most 256");
        return;
    }
    PoseEasing easing = POSE_EASE_IN_OUT;
    if (n > 3) {
        int e = tok_index(w[3], easing_names, 4);
        if (e < 0) {
            fail(p, DIAG_POSE_EASING, w[3], "got");
            return;
        }
        easing = (PoseEasing)e;
        if (!expect_end(p, w, n, 4))
            return;
    }
    if (c->key_count == p->key_cap) {
        size_t cap = p->key_cap ? p->key_cap * 2 : 8;
        PoseKey *keys = realloc(c->keys, cap * sizeof *keys);
        if (keys)
            c->keys = keys;
        uint64_t *set = realloc(p->set, cap * sizeof *set);
        if (set)
            p->set = set;
        uint8_t *has = realloc(p->key_has_contacts, cap);
        if (has)
            p->key_has_contacts = has;
        if (!keys || !set || !has) {
            p->fatal = true;
            return;
        }
        p->key_cap = cap;
    }
    PoseKey *k = &c->keys[c->key_count];
    memset(k, 0, sizeof *k);
    k->beat = beat;
    k->easing = easing;
    k->line = p->line;
    k->hold = tok_is(w[2], "hold");
    if (k->hold) {
        if (p->hold_line) {
            fail_at(p, DIAG_POSE_HOLD_TWICE, w[2].col, "");
            return;
        }
        p->hold_line = p->line;
    }
    if (!add_phase(p, w[2], &k->phase)) {
        p->fatal = true;
        return;
    }
    p->set[c->key_count] = 0;
    p->key_has_contacts[c->key_count] = 0;
    c->key_count++;
    p->block = IN_KEY;
}

/* One NAME VALUE [passive] pair at w[0], inside base or a key; returns how
 * many words it took, 0 on an error. A name without .l/.r sets both sides. */
static int parse_angle(Parser *p, const Token *w, int n)
{
    const SkelAngleInfo *info[2] = { skel_angle_find(w[0].s, w[0].len), NULL };
    char both[48];
    if (!info[0] && w[0].len + 2 < sizeof both) {
        memcpy(both, w[0].s, w[0].len);
        memcpy(both + w[0].len, ".l", 2);
        info[0] = skel_angle_find(both, w[0].len + 2);
        both[w[0].len + 1] = 'r';
        info[1] = skel_angle_find(both, w[0].len + 2);
    }
    if (!info[0]) {
        fail(p, DIAG_POSE_UNKNOWN_ANGLE, w[0], "got");
        return 0;
    }
    if (p->block == IN_NONE) {
        fail(p, DIAG_POSE_OUTSIDE_BLOCK, w[0], "got");
        return 0;
    }
    if (n < 2) {
        fail_at(p, DIAG_POSE_MISSING_VALUE, w[0].col, "expected degrees after the angle's name");
        return 0;
    }
    double v;
    if (!tok_number(w[1], &v) || fabs(v) > 360) {
        fail(p, DIAG_POSE_NUMBER, w[1], "expected degrees, got");
        return 0;
    }
    bool passive = n > 2 && tok_is(w[2], "passive");
    for (int i = 0; i < 2 && info[i]; i++) {
        float lo = passive ? info[i]->passive_min : info[i]->min;
        float hi = passive ? info[i]->passive_max : info[i]->max;
        bool has_passive = info[i]->passive_max > info[i]->max || info[i]->passive_min < info[i]->min;
        if (i == 0 && (v < lo || v > hi)) /* a warning: the clip stays usable */
            diag_add(p->diags, DIAG_POSE_ROM, p->file, p->line, w[1].col,
                     "%.*s %.4g is outside %.4g to %.4g%s", (int)w[0].len, w[0].s, v, lo, hi,
                     passive ? " (passive)"
                     : has_passive ? "; mark it 'passive' if the body supports it" : "");
        if (p->block == IN_BASE) {
            *skel_angle_field(&p->base, info[i]) = (float)v;
        } else {
            size_t k = p->clip->key_count - 1;
            *skel_angle_field(&p->clip->keys[k].angles, info[i]) = (float)v;
            p->set[k] |= (uint64_t)1 << (info[i] - skel_angles);
        }
    }
    return passive ? 3 : 2;
}

/* Angle pairs, as many as fit on the line. */
static void parse_angles(Parser *p, const Token *w, int n)
{
    int i = 0;
    while (i < n) {
        if (!memchr(w[i].s, '.', w[i].len)) {
            fail(p, DIAG_POSE_EXTRA, w[i], "expected 'passive', another angle or the end of the line, got");
            return;
        }
        int used = parse_angle(p, w + i, n - i);
        if (!used)
            return;
        i += used;
    }
}

static void parse_line(Parser *p, const char *line, size_t len)
{
    Token w[MAX_WORDS];
    int n = split_words(line, len, w, MAX_WORDS);
    if (n == 0)
        return;
    if (n > MAX_WORDS) {
        fail(p, DIAG_POSE_EXTRA, w[MAX_WORDS - 1], "too many words at");
        return;
    }
    if (tok_is(w[0], "camera")) {
        parse_camera(p, w, n);
    } else if (tok_is(w[0], "prop")) {
        parse_prop(p, w, n);
    } else if (tok_is(w[0], "near")) {
        int side = n > 1 ? tok_index(w[1], (const char *const[]){ "left", "right" }, 2) : -1;
        if (side < 0) {
            if (n > 1)
                fail(p, DIAG_POSE_SIDE, w[1], "got");
            else
                fail_at(p, DIAG_POSE_SIDE, w[0].col, "nothing after 'near'");
            return;
        }
        p->clip->stage.near_left = side == 0;
        expect_end(p, w, n, 2);
    } else if (tok_is(w[0], "side")) {
        static const char *const sides[] = { "left", "right" };
        static const char *const works[] = { "leg", "knee", "arm-leg", "turn" };
        int side = n > 1 ? tok_index(w[1], sides, 2) : -1;
        int what = n > 2 ? tok_index(w[2], works, 4) : -1;
        if (side < 0 || what < 0) {
            if (n > 2 && side >= 0)
                fail(p, DIAG_POSE_WORKS, w[2], "got");
            else if (n > 1)
                fail(p, DIAG_POSE_WORKS, w[1], "got");
            else
                fail_at(p, DIAG_POSE_WORKS, w[0].col, "nothing after 'side'");
            return;
        }
        p->clip->side = (PoseSide){ (PoseWorks)(what + 1), side == 0 ? SKEL_LEFT : SKEL_RIGHT };
        expect_end(p, w, n, 3);
    } else if (tok_is(w[0], "anchor") || tok_is(w[0], "contacts")) {
        unsigned mask;
        if (n < 2) {
            fail_at(p, DIAG_POSE_MISSING_VALUE, w[0].col, "expected one or more contact names");
            return;
        }
        if (!parse_contacts(p, w, n, &mask))
            return;
        if (tok_is(w[0], "anchor")) {
            p->clip->stage.anchor = mask;
        } else if (p->block == IN_KEY) {
            p->clip->keys[p->clip->key_count - 1].contacts = mask;
            p->key_has_contacts[p->clip->key_count - 1] = 1;
        } else {
            p->contacts = mask;
        }
    } else if (tok_is(w[0], "focus")) {
        parse_focus(p, w, n);
    } else if (tok_is(w[0], "detail")) {
        parse_detail(p, w, n);
    } else if (tok_is(w[0], "floor")) {
        parse_floor(p, w, n);
    } else if (tok_is(w[0], "base")) {
        if (expect_end(p, w, n, 1))
            p->block = IN_BASE;
    } else if (tok_is(w[0], "key")) {
        parse_key(p, w, n);
    } else if (tok_is(w[0], "loop")) {
        double beat, prev;
        if (n < 2) {
            fail_at(p, DIAG_POSE_MISSING_VALUE, w[0].col, "expected the beat after 'loop'");
        } else if (!tok_number(w[1], &beat)) {
            fail(p, DIAG_POSE_NUMBER, w[1], "expected a beat, got");
        } else if (!last_beat(p, &prev) || p->have_loop) {
            fail(p, DIAG_POSE_TIME_ORDER, w[0], "expected one 'loop' after the last key, got");
        } else if (beat <= prev) {
            fail(p, DIAG_POSE_TIME_ORDER, w[1], "expected more than the last key's beat, got");
        } else if (expect_end(p, w, n, 2)) {
            p->clip->loop_beat = beat;
            p->have_loop = true;
            p->block = IN_NONE;
        }
    } else if (memchr(w[0].s, '.', w[0].len)) {
        parse_angles(p, w, n);
    } else {
        fail(p, DIAG_POSE_UNKNOWN_KEY, w[0], "got");
    }
}

/* Key k as drawn, on the mirrored side when m is set. */
static void key_frame(const PoseClip *clip, size_t k, int m, FigureFrame *out)
{
    SkelAngles angles = clip->keys[k].angles;
    if (m)
        skel_mirror(&angles);
    skel_figure(&clip->stage, &angles, m, out);
}

/* 'floor moves': from key to key the floor travels with the contacts the
 * two keys share (the planted foot), so a foot on the floor stays on the
 * same spot of it. Worked out for both sides once, here, so a frame only
 * adds how far the planted foot has come since its key. */
static void floor_track(PoseClip *clip)
{
    for (size_t k = 0; k < clip->key_count; k++)
        clip->keys[k].floor.planted =
            clip->keys[k].contacts & clip->keys[(k + 1) % clip->key_count].contacts;
    for (int m = 0; m < 2; m++) {
        float at = 0.0f;
        FigureFrame f[2]; /* key k's, and the next one's */
        key_frame(clip, 0, m, &f[0]);
        for (size_t k = 0; k < clip->key_count; k++) {
            PoseFloorAt *floor = &clip->keys[k].floor;
            unsigned planted = m ? skel_mirror_joints(floor->planted) : floor->planted;
            key_frame(clip, (k + 1) % clip->key_count, m, &f[(k + 1) % 2]);
            floor->at[m] = at;
            floor->planted_x[m] = skel_mean_x(&f[k % 2], planted);
            at += skel_mean_x(&f[(k + 1) % 2], planted) - floor->planted_x[m];
        }
        clip->floor_cycle[m] = at;
    }
}

PoseClip *pose_parse(const char *buf, size_t len, const char *file, DiagList *diags)
{
    Parser p = { .file = file ? file : "?", .diags = diags };
    PoseClip *clip = calloc(1, sizeof *clip);
    if (!clip)
        goto fail;
    p.clip = clip;
    clip->file = strdup(p.file);
    if (!clip->file)
        goto fail;
    clip->stage.anchor = SKEL_JOINT_BIT(SKEL_PELVIS);
    clip->detail_joint = -1;

    size_t pos = 0;
    while (pos < len && !p.fatal) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - buf) : len;
        p.line++;
        parse_line(&p, buf + pos, end - pos);
        pos = end + 1;
    }
    if (p.fatal)
        goto fail;
    if (clip->key_count == 0) {
        diag_add(diags, DIAG_POSE_NO_KEYFRAMES, p.file, p.line > 0 ? p.line : 1, 1, "%s", "");
        goto fail;
    }
    if (!p.have_loop) {
        if (clip->key_count > 1) {
            diag_add(diags, DIAG_POSE_NO_LOOP, p.file, clip->keys[clip->key_count - 1].line, 1,
                     "%s", "");
            goto fail;
        }
        clip->loop_beat = clip->keys[0].beat + 1.0; /* one still key */
    }
    /* Every key starts from the base; what it lists replaces the base. */
    for (size_t k = 0; k < clip->key_count; k++) {
        PoseKey *key = &clip->keys[k];
        SkelAngles own = key->angles;
        key->angles = p.base;
        for (int i = 0; i < skel_angle_count; i++)
            if (p.set[k] & ((uint64_t)1 << i))
                *skel_angle_field(&key->angles, &skel_angles[i]) =
                    *skel_angle_field(&own, &skel_angles[i]);
        if (!p.key_has_contacts[k])
            key->contacts = p.contacts;
    }
    free(p.set);
    free(p.key_has_contacts);
    if (clip->floor_moves)
        floor_track(clip);
    return clip;

fail:
    free(p.set);
    free(p.key_has_contacts);
    pose_free(clip);
    return NULL;
}

PoseClip *pose_load(const char *path, DiagList *diags)
{
    PoseClip *clip = NULL;
    char *buf = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_add(diags, DIAG_FILE_OPEN, path, 0, 0, "%s", "");
        goto done;
    }
    buf = malloc(POSE_MAX_FILE_BYTES + 1);
    if (!buf)
        goto done;
    size_t len = fread(buf, 1, POSE_MAX_FILE_BYTES + 1, f);
    if (ferror(f)) {
        diag_add(diags, DIAG_FILE_OPEN, path, 0, 0, "%s", "read error");
        goto done;
    }
    if (len > POSE_MAX_FILE_BYTES) {
        diag_add(diags, DIAG_FILE_TOO_BIG, path, 0, 0, "the limit is %d bytes", POSE_MAX_FILE_BYTES);
        goto done;
    }
    clip = pose_parse(buf, len, path, diags);
done:
    free(buf);
    if (f)
        fclose(f);
    return clip;
}

/* ---- Checks -------------------------------------------------------------------- */

void pose_check_contacts(const PoseClip *clip, DiagList *diags)
{
    if (clip->stage.prop == PROP_WATER)
        return; /* nothing rests on anything */
    for (size_t k = 0; k < clip->key_count; k++) {
        const PoseKey *key = &clip->keys[k];
        Vec3 pos[SKEL_JOINT_COUNT];
        skel_solve(&key->angles, pos);
        skel_ground(&clip->stage, pos);
        for (int j = 0; j < SKEL_JOINT_COUNT; j++) {
            if (!(key->contacts & SKEL_JOINT_BIT(j)))
                continue;
            if (j == SKEL_PELVIS && (clip->stage.prop == PROP_CHAIR || clip->stage.prop == PROP_BIKE))
                continue; /* the seat is on the prop, which is under it by construction */
            float gap = pos[j].y - skel_joint_radius((SkelJoint)j);
            if (gap > POSE_CONTACT_TOLERANCE)
                diag_add(diags, DIAG_POSE_CONTACT_OFF, clip->file, key->line, 1,
                         "%s is %.1f cm above the floor at key %.4g", joint_names[j],
                         gap * 100.0f, key->beat);
        }
    }
}

void pose_check_timing(const PoseClip *clip, const Exercise *ex, DiagList *diags)
{
    if (ex->hold_s <= 0.0)
        return;
    for (size_t k = 0; k < clip->key_count; k++)
        if (clip->keys[k].hold)
            return;
    diag_add(diags, DIAG_POSE_NO_HOLD, clip->file, 0, 0, "'%s' holds %.4g s", ex->id, ex->hold_s);
}

void pose_check_file(const char *path, const Exercise *ex, DiagList *diags)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_add(diags, DIAG_POSE_MISSING, path, 0, 0, "exercise '%s'", ex->id);
        return;
    }
    fclose(f);
    PoseClip *clip = pose_load(path, diags);
    if (clip) {
        pose_check_contacts(clip, diags);
        pose_check_timing(clip, ex, diags);
        pose_check_side(clip, ex, diags);
    }
    pose_free(clip);
}

void pose_check_catalog(const Catalog *cat, const char *poses_dir, DiagList *diags)
{
    for (size_t i = 0; i < catalog_exercise_count(cat); i++) {
        const Exercise *ex = catalog_exercise(cat, i);
        size_t n = strlen(poses_dir) + strlen(ex->id) + 8;
        char *path = malloc(n);
        if (!path)
            return;
        snprintf(path, n, "%s/%s.pose", poses_dir, ex->id);
        pose_check_file(path, ex, diags);
        free(path);
    }
}
