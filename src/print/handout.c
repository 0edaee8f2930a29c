/* handout: the take-home sheet as a PDF. Sizes are in points (1/72 in),
 * cairo's unit on a PDF surface; pango lays text out in the same unit. */
#include "lang.h"
#include "handout.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "vector.h"

#define HANDOUT_PER_PAGE 3
#define HANDOUT_MOMENTS 4

/* Paper in points, and the layout's fixed measures. */
#define MARGIN 36.0
#define HEADER_H 62.0
#define FOOTER_H 20.0
#define GAP 6.0
#define TITLE_H 20.0
#define CAPTION_H 12.0
#define PANEL_TEXT_H 100.0
#define FONT "DejaVu Sans"

/* Ink: near-black text, a quieter grey, and the theme's teal for accents. */
static const double ink[3] = { 0.11, 0.12, 0.14 };
static const double quiet[3] = { 0.38, 0.41, 0.45 };
static const double rule[3] = { 0.72, 0.75, 0.78 };

typedef struct {
    cairo_t *cr;
    const HandoutInfo *info;
    DrawTheme theme;
    VectorPen *pen;
    double page_w, page_h;
    int pages;
    bool failed;
    /* the logo, made on the first page and painted on every one, so the
     * PDF holds one copy of it, not one a page */
    cairo_surface_t *logo;
    bool logo_tried;
} Sheet;

/* ---------------------------------------------------------------------------
 * Paper
 * ------------------------------------------------------------------------- */

HandoutPaper handout_paper_from_locale(const char *lc_all, const char *lc_paper,
                                       const char *lang)
{
    const char *name = lc_all && *lc_all ? lc_all : lc_paper && *lc_paper ? lc_paper : lang;
    static const char *const letter[] = { "US", "CA", "MX", "PH", "CL", "CO", "VE",
                                          "CR", "GT", "PA", "SV", "NI", "DO", "PR" };
    /* language_TERRITORY.codeset@modifier: the two letters after '_' */
    const char *under = name ? strchr(name, '_') : NULL;
    if (!under || !isupper((unsigned char)under[1]) || !isupper((unsigned char)under[2]) ||
        isalpha((unsigned char)under[3]))
        return HANDOUT_A4;
    for (size_t i = 0; i < sizeof letter / sizeof letter[0]; i++)
        if (strncmp(under + 1, letter[i], 2) == 0)
            return HANDOUT_LETTER;
    return HANDOUT_A4;
}

static bool same_word(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != *b)
            return false;
    return *a == '\0' && *b == '\0';
}

bool handout_paper_parse(const char *s, HandoutPaper *out)
{
    if (same_word(s, "a4"))
        *out = HANDOUT_A4;
    else if (same_word(s, "letter"))
        *out = HANDOUT_LETTER;
    else
        return false;
    return true;
}

int handout_page_count(int count)
{
    return count <= 0 ? 1 : (count + HANDOUT_PER_PAGE - 1) / HANDOUT_PER_PAGE;
}

/* ---------------------------------------------------------------------------
 * The dose in words
 * ------------------------------------------------------------------------- */

/* "3 s", "1.5 s", "2 min", "2 min 30 s"; over a minute to 5 s, as a
 * plan is read. */
static void seconds_words(double s, char *out, size_t size)
{
    long whole = lround(s);
    bool fraction = fabs(s - (double)whole) > 0.05;
    if (whole >= 60)
        whole = (whole + 2) / 5 * 5;
    char tenths[16];
    lang_number(tenths, sizeof tenths, round(s * 10.0) / 10.0);
    if (fraction && whole < 60)
        snprintf(out, size, _("%s s"), tenths);
    else if (whole >= 60 && whole % 60 == 0)
        snprintf(out, size, _("%ld min"), whole / 60);
    else if (whole >= 60)
        snprintf(out, size, _("%ld min %ld s"), whole / 60, whole % 60);
    else
        snprintf(out, size, _("%ld s"), whole);
}

void handout_dose(const Exercise *ex, const RoutineStep *step, char *out, size_t size)
{
    StepPlan p = catalog_step_plan(ex, step);
    bool timed = step->seconds > 0.0;
    char a[32];
    size_t n = 0;
#define ADD(...) \
    do { \
        if (n < size) \
            n += (size_t)snprintf(out + n, size - n, __VA_ARGS__); \
    } while (0)
    if (size == 0)
        return;
    out[0] = '\0';
    if (timed) {
        /* a timed step of an exercise with a hold is one long hold */
        seconds_words(p.work_s, a, sizeof a);
        if (p.sets > 1)
            ADD(_("%d sets of %s"), p.sets, a);
        else if (ex->hold_s > 0.0 && !p.alternate)
            ADD(_("hold %s"), a);
        else
            ADD("%s", a);
    } else if (ex->category == CATEGORY_CARDIO && p.hold_s <= 0.0) {
        /* steps or pedal turns are not counted out loud: say how long */
        seconds_words(p.work_s, a, sizeof a);
        ADD(_("%s, steady"), a);
    } else if (p.reps == 1) {
        /* one long hold a set: "2 sets, hold 20 s", not "2 sets of 1" */
        ADD(ngettext("%d set", "%d sets", (unsigned long)p.sets), p.sets);
        if (p.hold_s > 0.0) {
            seconds_words(p.hold_s, a, sizeof a);
            ADD(_(", hold %s"), a);
        }
    } else {
        ADD(ngettext("%d set of %d", "%d sets of %d", (unsigned long)p.sets), p.sets, p.reps);
        /* reps count per side: said at once, before the hold and rest */
        if (p.alternate)
            ADD("%s", _(" each side, alternating"));
        if (p.hold_s > 0.0) {
            seconds_words(p.hold_s, a, sizeof a);
            ADD(_(", hold %s"), a);
        }
    }
    if (p.sets > 1 && p.set_rest_s > 0.0) {
        seconds_words(p.set_rest_s, a, sizeof a);
        ADD(_(", rest %s"), a);
    }
    if (p.side_count == 2)
        ADD("%s", _(", each side"));
    else if (p.alternate && timed)
        ADD("%s", _(", alternating sides"));
    else if (ex->sides != SIDES_NONE && step->side == STEP_SIDE_LEFT)
        ADD("%s", _(", left side only"));
    else if (ex->sides != SIDES_NONE && step->side == STEP_SIDE_RIGHT)
        ADD("%s", _(", right side only"));
#undef ADD
}

/* ---------------------------------------------------------------------------
 * Text in boxes: wrap, then shrink, then cut
 * ------------------------------------------------------------------------- */

static void set_ink(cairo_t *cr, const double c[3])
{
    cairo_set_source_rgb(cr, c[0], c[1], c[2]);
}

/* A layout of text in FONT at size points (absolute: one point is one
 * unit of the PDF, whatever resolution pango assumes), w wide. */
static PangoLayout *text_layout(cairo_t *cr, const char *text, double size, PangoWeight weight,
                                PangoStyle style, double w)
{
    PangoLayout *layout = pango_cairo_create_layout(cr);
    PangoFontDescription *font = pango_font_description_from_string(FONT);
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    pango_font_description_set_weight(font, weight);
    pango_font_description_set_style(font, style);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_width(layout, (int)(w * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout, text, -1);
    return layout;
}

static double layout_height(PangoLayout *layout)
{
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    return (double)logical.height / PANGO_SCALE;
}

static double layout_width(PangoLayout *layout)
{
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    return (double)(logical.x + logical.width) / PANGO_SCALE;
}

typedef struct {
    double size, min_size;  /* points: the size it is set at, and the least */
    PangoWeight weight;
    PangoStyle style;
    double hang;            /* a hanging indent (numbered lines), points */
    const double *color;
} TextStyle;

static PangoLayout *styled_layout(cairo_t *cr, const char *text, const TextStyle *st,
                                  double size, double w)
{
    PangoLayout *layout = text_layout(cr, text, size, st->weight, st->style, w);
    if (st->hang > 0.0) {
        PangoTabArray *tabs =
            pango_tab_array_new_with_positions(1, FALSE, PANGO_TAB_LEFT, (int)(st->hang * PANGO_SCALE));
        pango_layout_set_tabs(layout, tabs);
        pango_tab_array_free(tabs);
        pango_layout_set_indent(layout, (int)(-st->hang * PANGO_SCALE));
    }
    return layout;
}

static bool fits(PangoLayout *layout, double w, double h)
{
    return layout_height(layout) <= h + 0.01 && layout_width(layout) <= w + 0.01;
}

/* The longest start of text that, with "…" after it, fits the box at
 * size: found by halving over its length (whole UTF-8 characters), then
 * taken back to the end of a word when one is near. */
static PangoLayout *cut_to_fit(cairo_t *cr, const char *text, const TextStyle *st, double size,
                               double w, double h)
{
    size_t len = strlen(text), lo = 0, hi = len;
    char *buf = g_malloc(len + 4);
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        while (mid > 0 && ((unsigned char)text[mid] & 0xC0) == 0x80)
            mid--;
        if (mid <= lo) {
            hi = lo;
            break;
        }
        memcpy(buf, text, mid);
        memcpy(buf + mid, "\xe2\x80\xa6", 4);
        PangoLayout *probe = styled_layout(cr, buf, st, size, w);
        if (fits(probe, w, h))
            lo = mid;
        else
            hi = mid - 1;
        g_object_unref(probe);
    }
    size_t keep = lo;
    for (size_t k = lo; k > 0 && lo - k < 24; k--)
        if (text[k - 1] == ' ' || text[k - 1] == '\n') {
            keep = k - 1;
            break;
        }
    memcpy(buf, text, keep);
    memcpy(buf + keep, "\xe2\x80\xa6", 4);
    PangoLayout *layout = styled_layout(cr, buf, st, size, w);
    g_free(buf);
    return layout;
}

/* Draws text in the box (x, y, w, h): wrapped at its size; if it is still
 * too big, smaller by half points down to min_size; if still too big, cut
 * at the end of the last word that fits and "…" put after it, and a
 * warning naming what (the exercise) and which (its part). Returns the
 * height drawn. */
static double text_box(Sheet *s, const char *text, const TextStyle *st, double x, double y,
                       double w, double h, const char *what, const char *which)
{
    cairo_t *cr = s->cr;
    PangoLayout *layout = NULL;
    for (double size = st->size;; size -= 0.5) {
        if (layout)
            g_object_unref(layout);
        layout = styled_layout(cr, text, st, size, w);
        if (fits(layout, w, h))
            break;
        if (size - 0.5 < st->min_size - 1e-6) {
            g_object_unref(layout);
            layout = cut_to_fit(cr, text, st, size, w, h);
            fprintf(stderr, "limber: warning: %s: %s cut short to fit the handout\n", what,
                    which);
            break;
        }
    }
    set_ink(cr, st->color);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
    double used = layout_height(layout);
    g_object_unref(layout);
    return used < h ? used : h;
}

/* One line of text, as it is (for the sheet's own words, which fit). */
static double text_line(Sheet *s, const char *text, double size, PangoWeight weight,
                        const double color[3], double x, double y, double w, bool right)
{
    PangoLayout *layout = text_layout(s->cr, text, size, weight, PANGO_STYLE_NORMAL, w);
    pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
    if (right)
        pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT);
    set_ink(s->cr, color);
    cairo_move_to(s->cr, x, y);
    pango_cairo_show_layout(s->cr, layout);
    double h = layout_height(layout);
    g_object_unref(layout);
    return h;
}

/* ---------------------------------------------------------------------------
 * The logo
 * ------------------------------------------------------------------------- */

#define LOGO_DPI_SCALE (300.0 / 72.0) /* points to pixels */

/* The logo as a cairo image fitted into w x h points at 300 dpi, aspect
 * kept: the same file and the same decoder (SDL2_image: PNG, JPEG or SVG)
 * as on the screens. NULL, with a warning, when it cannot be drawn. */
static cairo_surface_t *logo_image(Logo *logo, double w, double h)
{
    SDL_Surface *px = logo_surface(logo, (int)(w * LOGO_DPI_SCALE), (int)(h * LOGO_DPI_SCALE));
    if (!px) {
        fprintf(stderr, "limber: warning: the logo cannot be drawn: %s\n", SDL_GetError());
        return NULL;
    }
    /* RGBA32 to cairo's premultiplied ARGB32 */
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, px->w, px->h);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(img);
        SDL_FreeSurface(px);
        return NULL;
    }
    cairo_surface_flush(img);
    unsigned char *dst = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    for (int row = 0; row < px->h; row++) {
        const Uint8 *in = (const Uint8 *)px->pixels + (size_t)row * (size_t)px->pitch;
        uint32_t *out = (uint32_t *)(void *)(dst + (size_t)row * (size_t)stride);
        for (int col = 0; col < px->w; col++, in += 4) {
            uint32_t a = in[3];
            out[col] =
                a << 24 | (in[0] * a / 255) << 16 | (in[1] * a / 255) << 8 | (in[2] * a / 255);
        }
    }
    cairo_surface_mark_dirty(img);
    SDL_FreeSurface(px);
    return img;
}

/* The logo drawn into (x, y, w, h), against the box's left edge, from the
 * image made on the first page: the width used in points, 0 without a
 * logo. The one raster picture the handout may hold. */
static double draw_logo(Sheet *s, Logo *logo, double x, double y, double w, double h)
{
    if (!logo)
        return 0.0;
    if (!s->logo_tried) {
        s->logo_tried = true;
        s->logo = logo_image(logo, w, h);
    }
    if (!s->logo)
        return 0.0;
    const double k = 1.0 / LOGO_DPI_SCALE;
    const int pw = cairo_image_surface_get_width(s->logo);
    const int ph = cairo_image_surface_get_height(s->logo);
    cairo_save(s->cr);
    cairo_translate(s->cr, x, y + (h - ph * k) * 0.5);
    cairo_scale(s->cr, k, k);
    cairo_set_source_surface(s->cr, s->logo, 0, 0);
    cairo_paint(s->cr);
    cairo_restore(s->cr);
    return pw * k;
}

/* ---------------------------------------------------------------------------
 * The page: header, footer
 * ------------------------------------------------------------------------- */

static void page_header(Sheet *s)
{
    const HandoutInfo *info = s->info;
    double x = MARGIN, y = MARGIN, w = s->page_w - 2 * MARGIN;
    double logo_w = draw_logo(s, info->logo, x, y, 120.0, HEADER_H - 18.0);
    double tx = x + (logo_w > 0.0 ? logo_w + 12.0 : 0.0), right_w = 170.0;
    text_line(s, info->title, 19.0, PANGO_WEIGHT_BOLD, ink, tx, y, w - (tx - x) - right_w, false);
    text_line(s, info->subtitle, 10.0, PANGO_WEIGHT_NORMAL, quiet, tx, y + 26.0,
              w - (tx - x) - right_w, false);
    text_line(s, info->date, 10.0, PANGO_WEIGHT_NORMAL, quiet, x + w - right_w, y, right_w, true);
    /* who it is for: written in by hand */
    text_line(s, _("For"), 9.0, PANGO_WEIGHT_NORMAL, quiet, x + w - right_w, y + 26.0, 30.0, false);
    set_ink(s->cr, rule);
    cairo_set_line_width(s->cr, 0.6);
    cairo_move_to(s->cr, x + w - right_w + 24.0, y + 37.0);
    cairo_line_to(s->cr, x + w, y + 37.0);
    cairo_stroke(s->cr);
    /* a line under the header, in the theme's teal */
    SDL_Color teal = s->theme.prop;
    cairo_set_source_rgb(s->cr, teal.r / 255.0, teal.g / 255.0, teal.b / 255.0);
    cairo_set_line_width(s->cr, 1.5);
    cairo_move_to(s->cr, x, y + HEADER_H - 8.0);
    cairo_line_to(s->cr, x + w, y + HEADER_H - 8.0);
    cairo_stroke(s->cr);
}

static void page_footer(Sheet *s, int page, int pages)
{
    double y = s->page_h - MARGIN - FOOTER_H + 8.0, w = s->page_w - 2 * MARGIN;
    char n[48];
    snprintf(n, sizeof n, _("Page %d of %d"), page, pages);
    /* the safety line wraps to a second line, smaller, before anything of
     * it is cut: in German or French it is a third longer than in English */
    TextStyle safety = { 7.5, 6.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 0.0, quiet };
    text_box(s,
             _("Move slowly and breathe. Stop, and ask your therapist, if an exercise causes "
               "sharp pain, numbness or tingling."),
             &safety, MARGIN, y - 4.0, w - 80.0, FOOTER_H + 4.0, "footer", "safety line");
    text_line(s, n, 7.5, PANGO_WEIGHT_NORMAL, quiet, MARGIN + w - 70.0, y, 70.0, true);
}

/* ---------------------------------------------------------------------------
 * One exercise
 * ------------------------------------------------------------------------- */

/* The phase names the shipped pose files use, for the translators; a pose
 * file's own name for a phase shows as it is written. */
static const char *const phase_words[] = {
    N_("pedal"),    N_("hold"),    N_("return"),     N_("lower"),   N_("roll-up"),
    N_("right-stance"), N_("release"), N_("recover"), N_("lift"),   N_("left-stance"),
    N_("reach"),    N_("twist"),   N_("push"),       N_("pull"),    N_("tuck"),
    N_("tilt"),     N_("switch"),  N_("sit-back"),   N_("shift"),   N_("sag"),
    N_("round"),    N_("rest"),    N_("press"),      N_("lean"),    N_("fold"),
    N_("flatten"),  N_("entry"),   N_("catch"),   N_("post"),
};

static const char *phase_label(const char *phase)
{
    for (size_t i = 0; phase && i < sizeof phase_words / sizeof phase_words[0]; i++)
        if (strcmp(phase, phase_words[i]) == 0)
            return _(phase_words[i]);
    return phase ? phase : "";
}

static void rounded_rect(cairo_t *cr, double x, double y, double w, double h, double r)
{
    const double pi = 3.14159265358979323846;
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -pi / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, pi / 2);
    cairo_arc(cr, x + r, y + h - r, r, pi / 2, pi);
    cairo_arc(cr, x + r, y + r, r, pi, 3 * pi / 2);
    cairo_close_path(cr);
}

const DrawCues *handout_cues(const ExportJob *job, double t, const FigureFrame *now,
                             SDL_FRect box, DrawCues *out)
{
    export_cues(true, job, t, now, box, out);
    /* A moving key's arrow is whole (cue_arrow_between); one that is still
     * fading out where a movement has just stopped is not, and half way is
     * where it reads as an arrow rather than as a stain. */
    out->arrow.alpha = out->arrow.alpha >= 0.5f ? 1.0f : 0.0f;
    return out;
}

/* Four moments of the cycle side by side, each captioned with its phase. */
static void moments(Sheet *s, const ExportJob *job, double x, double y, double w, double panel_h)
{
    double pw = (w - (HANDOUT_MOMENTS - 1) * GAP) / HANDOUT_MOMENTS;
    double t[HANDOUT_MOMENTS];
    int n = job->clip ? export_key_moments(job, t, HANDOUT_MOMENTS) : 0;
    for (int i = 0; i < HANDOUT_MOMENTS; i++) {
        double px = x + i * (pw + GAP);
        cairo_save(s->cr);
        rounded_rect(s->cr, px, y, pw, panel_h, 5.0);
        cairo_clip(s->cr);
        SDL_FRect box = { (float)px, (float)y, (float)pw, (float)panel_h };
        if (i < n) {
            FigureFrame frame;
            anim_frame(job->clip, job->timing, t[i], false, &frame);
            /* the focus in amber and the arrow of the motion, as on screen */
            DrawCues cues;
            const DrawCues *cued = handout_cues(job, t[i], &frame, box, &cues);
            if (vector_figure_cued(s->pen, s->cr, &frame, draw_fit(job->min, job->max, box), box,
                                   &s->theme, s->theme.background, cued) != 0) {
                fprintf(stderr, "limber: cannot draw %s: %s\n", job->ex->id, SDL_GetError());
                s->failed = true;
            }
        } else {
            cairo_set_source_rgb(s->cr, 0.93, 0.94, 0.95);
            cairo_paint(s->cr);
        }
        cairo_restore(s->cr);
        if (i < n) {
            const char *phase = anim_phase(job->clip, job->timing, t[i]);
            char caption[96];
            snprintf(caption, sizeof caption, "%d  %.60s", i + 1,
                     t[i] == 0.0 ? _("start") : phase_label(phase));
            text_line(s, caption, 7.5, PANGO_WEIGHT_NORMAL, quiet, px + 2.0,
                      y + panel_h + 1.5, pw - 4.0, false);
        }
    }
}

/* The exercise's instructions as one numbered list: "1.<tab>text", lines
 * after the first of each hanging under the text. */
static void instruction_list(const Exercise *ex, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < ex->instruction_count && n < size; i++)
        n += (size_t)snprintf(out + n, size - n, "%s%d.\t%s", i ? "\n" : "", i + 1,
                              ex->instructions[i]);
}

static void exercise_block(Sheet *s, const HandoutItem *item, int number, double y, double h)
{
    const Exercise *ex = item->job.ex;
    cairo_t *cr = s->cr;
    double x = MARGIN, w = s->page_w - 2 * MARGIN;
    char title[160], time_words[48], about[64], dose[160];
    snprintf(title, sizeof title, "%d   %s", number, ex->name);
    seconds_words(item->seconds, time_words, sizeof time_words);
    snprintf(about, sizeof about, _("about %s"), time_words);

    double bottom = y + h - 10.0;
    y += 6.0;
    TextStyle title_style = { 13.0, 10.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 0.0, ink };
    text_box(s, title, &title_style, x, y, w - 110.0, TITLE_H - 2.0, ex->id, "name");
    text_line(s, about, 9.0, PANGO_WEIGHT_NORMAL, quiet, x + w - 110.0, y + 3.0, 110.0, true);
    y += TITLE_H;

    /* 4:3 panels across the width, a standing figure's shape, lower when
     * the paper is short, so the text keeps PANEL_TEXT_H points */
    double panel_h = floor(fmin((w - 3 * GAP) / HANDOUT_MOMENTS * 0.75,
                                bottom - y - CAPTION_H - 4.0 - PANEL_TEXT_H));
    moments(s, &item->job, x, y, w, panel_h);
    y += panel_h + CAPTION_H + 4.0;

    double left_w = w * 0.60, right_x = x + left_w + 16.0, right_w = w - left_w - 16.0;
    double text_h = bottom - y;

    /* left: the cue, then the numbered instructions */
    TextStyle cue_style = { 10.0, 7.5, PANGO_WEIGHT_SEMIBOLD, PANGO_STYLE_ITALIC, 0.0, ink };
    double cue_h = text_box(s, ex->cue, &cue_style, x, y, left_w, 26.0, ex->id, "cue");
    char list[4 * 520];
    instruction_list(ex, list, sizeof list);
    TextStyle list_style = { 9.5, 7.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 13.0, ink };
    text_box(s, list, &list_style, x, y + cue_h + 4.0, left_w, text_h - cue_h - 4.0, ex->id,
             "instructions");

    /* right: the dose, and lines for the therapist's notes */
    handout_dose(ex, &item->step, dose, sizeof dose);
    text_line(s, _("DOSE"), 7.0, PANGO_WEIGHT_BOLD, quiet, right_x, y, right_w, false);
    TextStyle dose_style = { 10.5, 8.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 0.0, ink };
    double dose_h = text_box(s, dose, &dose_style, right_x, y + 10.0, right_w, 40.0, ex->id, "dose");
    double ny = y + 10.0 + dose_h + 8.0;
    text_line(s, _("NOTES"), 7.0, PANGO_WEIGHT_BOLD, quiet, right_x, ny, right_w, false);
    set_ink(cr, rule);
    cairo_set_line_width(cr, 0.6);
    for (double ly = ny + 24.0; ly <= bottom + 0.01; ly += 16.0) {
        cairo_move_to(cr, right_x, ly);
        cairo_line_to(cr, right_x + right_w, ly);
    }
    cairo_stroke(cr);
}

/* ---------------------------------------------------------------------------
 * The document
 * ------------------------------------------------------------------------- */

static cairo_status_t write_bytes(void *closure, const unsigned char *data, unsigned int len)
{
    return export_bytes_append(closure, data, len) ? CAIRO_STATUS_SUCCESS
                                                   : CAIRO_STATUS_WRITE_ERROR;
}

/* The bundled fonts, so the sheet's text is the screen's (and the same on
 * a machine without DejaVu); fontconfig's own fonts stand in otherwise. */
static void add_fonts(const char *dir)
{
    if (dir)
        FcConfigAppFontAddDir(NULL, (const FcChar8 *)dir);
}

int handout_render(const HandoutInfo *info, const HandoutItem *items, int count,
                   ExportBytes *pdf)
{
    Sheet s = { .info = info, .theme = draw_theme_default() };
    s.page_w = info->paper == HANDOUT_LETTER ? 612.0 : 595.2756;
    s.page_h = info->paper == HANDOUT_LETTER ? 792.0 : 841.8898;
    add_fonts(info->fonts_dir);
    s.pen = vector_pen_new();
    cairo_surface_t *surface =
        cairo_pdf_surface_create_for_stream(write_bytes, pdf, s.page_w, s.page_h);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, info->title);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Limber");
    s.cr = cairo_create(surface);
    int pages = handout_page_count(count);
    double block_h = (s.page_h - 2 * MARGIN - HEADER_H - FOOTER_H) / HANDOUT_PER_PAGE;
    for (int p = 0; p < pages && s.pen; p++) {
        page_header(&s);
        for (int k = 0; k < HANDOUT_PER_PAGE; k++) {
            int i = p * HANDOUT_PER_PAGE + k;
            if (i >= count)
                break;
            double y = MARGIN + HEADER_H + k * block_h;
            if (k > 0) {
                set_ink(s.cr, rule);
                cairo_set_line_width(s.cr, 0.5);
                cairo_move_to(s.cr, MARGIN, y);
                cairo_line_to(s.cr, s.page_w - MARGIN, y);
                cairo_stroke(s.cr);
            }
            exercise_block(&s, &items[i], i + 1, y, block_h);
        }
        page_footer(&s, p + 1, pages);
        cairo_show_page(s.cr);
    }
    cairo_status_t status = cairo_status(s.cr);
    cairo_destroy(s.cr);
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    cairo_surface_destroy(s.logo); /* NULL is fine */
    vector_pen_free(s.pen);
    if (!s.pen || pdf->failed) {
        fprintf(stderr, "limber: out of memory\n");
        return -1;
    }
    if (status != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "limber: cannot make the handout: %s\n", cairo_status_to_string(status));
        return -1;
    }
    return s.failed ? -1 : pages;
}
