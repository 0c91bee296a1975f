// Layout that fits the space it has (issue 13): a row of columns sits side by side when
// the content region is wide enough for all of them, and stacks otherwise, so a phone
// scrolls down through what a desktop shows in one row.
//
// Usage:
//   const Row row({canvas_width, 160, 260});   // each column's narrowest width, CSS px
//   begin_column(canvas_width); canvas(...); end_column();
//   row.next();                                 // SameLine when side by side
//   begin_column(Row::rest()); ... end_column(); // the rest of the line
#pragma once

#include <imgui.h>

#include <functional>
#include <string>
#include <vector>

#include <initializer_list>

namespace digitlab::app {

class Row {
 public:
  // Side by side when the columns' widths plus the spacing between them fit the width
  // left on the current line (ImGui::GetContentRegionAvail().x).
  // The scrollbar's width is kept free: a window that gains one must not lose the row.
  explicit Row(std::initializer_list<float> min_widths);

  bool side_by_side() const { return side_by_side_; }
  // Between two columns: on the same line when side by side, else below with a gap.
  void next() const;
  // The width left for the item at the cursor: to the content region's right edge.
  static float rest();

 private:
  bool side_by_side_ = false;
};

// A column `width` px wide from the cursor: a group in which text wraps at its right edge
// (else wrapped text would run on to the window's edge, under the next column).
void begin_column(float width);
void end_column();

// The right edge, in screen coordinates, of the line being laid out: the current column's
// (begin_column) or the window's content region.
float line_right();
// ImGui::SameLine when an item `next_width` wide still fits before line_right(), else the
// next item starts a new line.
void same_line_if_room(float next_width, float spacing = -1.0f);

// Before a slider, combo or field `width` px wide with `label` beside it: on the line of the
// item before it while both fit (unless `first`), and its width narrowed on a phone so the
// item and its label end at the line's right edge (never below 80 px).
void next_labelled_item(const char* label, float width, bool first = false);

// Scales a width meant for a wide screen down to what is left on the line, never below
// `min_width` (a fixed-size plot or slider that would otherwise run off the right edge).
float fit_width(float wanted, float min_width = 80.0f);

// Where a tooltip's text wraps: about 28 characters' widths, narrower on a phone so the
// tooltip stays on screen.
float tooltip_wrap_width();

// ImGui::SetTooltip with its text wrapped at tooltip_wrap_width(): one long line ran off a
// phone's screen.
void wrapped_tooltip(const char* format, ...) IM_FMTARGS(1);

// A panel's scrolling child window, in which text wraps at the right edge instead of
// running past it (ImGui::PushTextWrapPos(0)).
void begin_panel_child(const char* id, ImVec2 size);
void end_panel_child();

// The part of a panel below a header that stays in view: its own scrolling child while the
// header takes at most a third of the window's height, else nothing, so that on a
// short screen (a phone) the header scrolls away with the rest instead of keeping half of
// it. Returns whether a child began; pass that to end_scrolling_part.
bool begin_scrolling_part(const char* id);
void end_scrolling_part(bool began);

// ImGui::RadioButton whose label wraps when the line is too short for it (a radio
// button's own label never wraps); clicking the wrapped text selects it too.
bool wrapped_radio(const char* label, int* value, int button_value);

// ImGui::BeginTable / EndTable for tables of auto-fitted columns: text wrapping off inside
// (a cell's text wrapped at its column's edge could never widen the column,
// imgui_tables.cpp "FIXME-TABLE"), unless the columns' natural width is wider than the
// line: then they share the line (stretched) and their text wraps.
bool begin_fitted_table(const char* id, int columns, ImGuiTableFlags flags);
// Whether that table's natural width (as last measured) fits the line: a wide table can
// offer another shape instead (the runs table turns its rows into columns on a phone).
bool fitted_table_fits(const char* id);
void end_fitted_table();
// A fitted table's column, in place of ImGui::TableSetupColumn. Squeezed, the columns do
// not share the line by the width of their wrapped text (a column of one long word broke
// it: "StandardScal" / "er", "test_si" / "ze"): each keeps its longest word (the header's,
// and its cells' drawn with cell_text below), and the columns with text that can wrap give
// up the rest, as far as the line allows.
void fitted_column(const char* name, ImGuiTableColumnFlags flags = 0);
// Text in a fitted table's cell, as ImGui::Text, TextColored, TextDisabled and
// TextUnformatted, noting its longest word for the column's width.
void cell_text(const char* fmt, ...) IM_FMTARGS(1);
void cell_text_colored(const ImVec4& color, const char* fmt, ...) IM_FMTARGS(2);
void cell_text_disabled(const char* fmt, ...) IM_FMTARGS(1);
void cell_text_unformatted(const std::string& text);
// A cell's content that cannot be narrower than `width` (a number field with its buttons):
// a squeezed table keeps its column at least that wide, as for a word.
void cell_keeps(float width);

// A fitted table of items (runs) by fields: an item a row under a header while that fits
// the line, else, on a phone, an item a column (a few items are narrower than many
// fields) with the fields' names down the first column. cell(item, field, turned) draws
// one cell. The turned table is fitted as `id`-turned.
void items_table(const char* id, const std::vector<std::string>& fields, int items,
                 const std::function<void(int item, int field, bool turned)>& cell, ImGuiTableFlags flags);

}  // namespace digitlab::app
