// Small drawing helpers shared by the panels: probability bars, a line plot, digit
// tiles from an atlas, and the Blues colour map of the tutorial's confusion matrix.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "app/widgets/texture.hpp"
#include "core/data/class_names.hpp"

namespace digitlab::app {

// Ten labelled bars with their values; `highlight` marks one (the prediction). Labelled
// by `names`' short names (cut to the bar's width), or 0..9 without. Without values (no
// prediction yet) the bars are flat and say so.
void probability_bars(const char* id, const float* values, int count, int highlight, ImVec2 size,
                      const ClassNames* names = nullptr);

// For a dataset whose classes are not digits: one wrapped line "0 T-shirt/top, 1 Trouser,
// ...", the key to a heatmap's or a gallery's numbered labels. Nothing for MNIST.
void class_legend(const ClassNames& names);

// `text` cut to at most `width` px (its first characters), for a class name under a bar
// or beside a heatmap's row.
std::string fit_text(const std::string& text, float width);

// The atlas' tiles in a grid, `tile` px each, with a caption per tile; returns the
// index of a clicked tile or -1.
int digit_grid(const DigitAtlas& atlas, float tile, const std::vector<std::string>& captions);

// White to dark blue, as matplotlib's "Blues".
ImU32 blues(float t);

// Near-black or white, whichever contrasts more (WCAG's relative luminance) with `fill`
// drawn over `behind` (a see-through fill is as light as it looks over what is behind;
// pass the background for one, the default only suits opaque fills). For numbers written
// on a coloured cell or bar.
ImU32 text_color_on(ImU32 fill, ImU32 behind = IM_COL32_WHITE);

// A class matrix's axes (the confusion matrices and their differences): the room kept
// left of its rows and above its columns, and the class numbers 0..n-1 drawn there,
// centred on each row and column of `cell` px whose first cell is at origin + (label, label).
float matrix_label_width();
void matrix_axis_labels(ImDrawList* draw, ImVec2 origin, float cell, int n);

// `value` centred in the square cell at `corner`, `cell` px wide: in a smaller type when it
// would be wider than the cell ("1127" on a phone), at most `font_size` (0: the current
// font's), so it never runs over the next cell.
void cell_number(ImDrawList* draw, ImVec2 corner, float cell, long long value, ImU32 color, float font_size = 0);

// ImGui's SliderInt for a count (digits, iterations), its value shown with a thousands
// separator ("10,000"); typed in as a plain number. Logarithmic unless `linear`.
bool count_slider(const char* label, int* value, int min, int max, bool linear = false);

// ImGui's ProgressBar, `width` px wide (-1: to the line's end), with `text` on it; where
// the text is wider than the bar (a phone), the bar shows the percentage and the text
// wraps under it, so no word is cut at the bar's edges. `id` tells apart two bars that
// can show at once in one window (it keys the height the bar keeps).
void progress_bar(float fraction, float width, const char* text, const char* id = "progress");

// ImGui's SmallButton with a mouse; a full-height Button on a touch screen (the style's
// TouchExtraPadding is set there, app.cpp), so a finger gets a 44 px target.
bool compact_button(const char* label);

// Colours that read on the current theme's background (dark or light, app.cpp).
bool light_theme();
ImU32 error_text_color();
ImU32 success_text_color();
ImU32 lesson_background_color();
ImU32 plot_background_color();  // behind bars and heatmaps' labels
ImU32 accent_color();           // the prediction, a selected cell: orange on both themes
ImU32 heading_color();          // a chapter's headings and questions (warm)
ImU32 note_color();             // a chapter's side notes (muted)
ImU32 info_color();             // "precomputed when the page was built" (blue)

// Large centred text (scaled font).
void big_text(const char* text, float scale, ImU32 color);

}  // namespace digitlab::app
