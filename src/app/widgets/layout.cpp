#include "app/widgets/layout.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // a table's auto-fitted width, a window's scrollbar and wrap position

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace digitlab::app {

Row::Row(std::initializer_list<float> min_widths) {
  float total = 0;
  for (float w : min_widths) total += w;
  total += ImGui::GetStyle().ItemSpacing.x * static_cast<float>(std::max<std::size_t>(1, min_widths.size()) - 1);
  const ImGuiWindow* window = ImGui::GetCurrentWindow();
  const float scrollbar = window->ScrollbarY ? 0.0f : ImGui::GetStyle().ScrollbarSize;
  side_by_side_ = total <= ImGui::GetContentRegionAvail().x - scrollbar;
}

void Row::next() const {
  if (side_by_side_)
    ImGui::SameLine();
  else
    ImGui::Spacing();
}

void begin_column(float width) {
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
}

void end_column() {
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

float line_right() {
  const ImGuiWindow* window = ImGui::GetCurrentWindow();
  const float wrap = window->DC.TextWrapPos;  // window-local, as PushTextWrapPos takes it
  const float right = window->WorkRect.Max.x;
  return wrap > 0 ? std::min(right, window->Pos.x - window->Scroll.x + wrap) : right;
}

void same_line_if_room(float next_width, float spacing) {
  const float gap = spacing < 0 ? ImGui::GetStyle().ItemSpacing.x : spacing;
  if (ImGui::GetItemRectMax().x + gap + next_width <= line_right()) ImGui::SameLine(0, gap);
}

float Row::rest() { return ImGui::GetContentRegionAvail().x; }

void next_labelled_item(const char* label, float width, bool first) {
  const float label_width = ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().ItemInnerSpacing.x;
  if (!first) same_line_if_room(width + label_width);
  ImGui::SetNextItemWidth(std::max(80.0f, std::min(width, line_right() - ImGui::GetCursorScreenPos().x - label_width)));
}

float fit_width(float wanted, float min_width) {
  return std::max(min_width, std::min(wanted, ImGui::GetContentRegionAvail().x));
}

void begin_panel_child(const char* id, ImVec2 size) {
  ImGui::BeginChild(id, size);
  ImGui::PushTextWrapPos(0.0f);
}

void end_panel_child() {
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
}

float tooltip_wrap_width() {
  return std::min(ImGui::GetFontSize() * 28, ImGui::GetMainViewport()->WorkSize.x - 40);
}

void wrapped_tooltip(const char* format, ...) {
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(tooltip_wrap_width());
  va_list args;
  va_start(args, format);
  ImGui::TextV(format, args);
  va_end(args);
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

bool begin_scrolling_part(const char* id) {
  // The header's height in the window's own coordinates, which scrolling does not change
  // (the room left below the cursor does: deciding by it would make the child appear
  // once the header had scrolled away, and the content jump).
  const float header = ImGui::GetCursorPosY() - ImGui::GetCursorStartPos().y;
  if (header > ImGui::GetWindowHeight() / 3) return false;
  begin_panel_child(id, ImVec2(0, 0));
  return true;
}

void end_scrolling_part(bool began) {
  if (began) end_panel_child();
}

bool wrapped_radio(const char* label, int* value, int button_value) {
  const ImGuiStyle& style = ImGui::GetStyle();
  if (ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label).x <= ImGui::GetContentRegionAvail().x)
    return ImGui::RadioButton(label, value, button_value);
  ImGui::PushID(label);
  bool pressed = ImGui::RadioButton("##radio", value, button_value);
  ImGui::PopID();
  ImGui::SameLine(0, style.ItemInnerSpacing.x);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(label);
  ImGui::PopTextWrapPos();
  if (ImGui::IsItemClicked()) {
    *value = button_value;
    pressed = true;
  }
  return pressed;
}

namespace {

// The columns' natural width, measured while they were auto-fitted; kept in ImGui's
// storage (as a table keeps its own) under the table's name.
ImGuiID natural_width_key(const char* id) { return ImGui::GetID((std::string(id) + "##natural width").c_str()); }

// What each fitted table's columns need, by the table's ImGui id, kept across frames: the
// natural (unwrapped) width of each as last measured, and the longest word each showed
// in the last frame drawn (its header's, and its cells' drawn with cell_text).
struct ColumnNeeds {
  std::vector<float> natural, word, word_now;
  std::vector<float> keep, keep_now;  // what cell_keeps asked: a widget's own least width
  float room = 0;  // squeezed, the line's width for text and cell padding (last frame)
};
std::unordered_map<ImGuiID, ColumnNeeds>& column_needs() {
  static std::unordered_map<ImGuiID, ColumnNeeds> all;
  return all;
}

// The fitted tables being drawn, innermost last.
struct OpenTable {
  ImGuiID id;
  bool squeeze;
  std::vector<float> widths;  // squeezed: the columns' widths, once fitted_column computed them
};
std::vector<OpenTable>& open_tables() {
  static std::vector<OpenTable> open;
  return open;
}

// The widest run of text between blanks: ImGui's wrap keeps it whole while the column is
// at least that wide (it may also break after punctuation, so this errs wide). A "##" and
// what follows is the id, not shown.
float longest_word(const char* text) {
  const char* end = text + std::strlen(text);
  if (const char* id = std::strstr(text, "##")) end = id;
  float widest = 0;
  const char* word = text;
  for (const char* c = text;; ++c) {
    if (c == end || *c == ' ' || *c == '\n') {
      if (c > word) widest = std::max(widest, ImGui::CalcTextSize(word, c).x);
      if (c == end) break;
      word = c + 1;
    }
  }
  return widest;
}

// Whether ImGui's current table is the innermost fitted one (not a table inside its cell).
bool in_fitted_table() {
  const ImGuiTable* table = ImGui::GetCurrentTable();
  return table && !open_tables().empty() && table->ID == open_tables().back().id;
}

void note_word(int column, float width, bool widget = false) {
  if (!in_fitted_table() || column < 0) return;
  ColumnNeeds& needs = column_needs()[open_tables().back().id];
  std::vector<float>& now = widget ? needs.keep_now : needs.word_now;
  if (now.size() <= static_cast<std::size_t>(column)) now.resize(static_cast<std::size_t>(column) + 1, 0.0f);
  now[static_cast<std::size_t>(column)] = std::max(now[static_cast<std::size_t>(column)], width);
}

// A squeezed table's column widths for a line of `line` px of text: every column its
// longest word, and what is left of the line to the columns whose natural width is wider
// (text that can wrap), in proportion to how much wider. A line too narrow for the words
// gives the widgets theirs (cell_keeps) and shares the rest out in proportion to the
// words, which then break. Empty until a column's needs are known.
std::vector<float> squeezed_widths(const ColumnNeeds& needs, std::size_t columns, float line) {
  if (needs.natural.size() < columns || needs.word.size() < columns) return {};
  std::vector<float> widths(columns), hard(columns, 0.0f), soft(columns);
  float words = 0, hards = 0, softs = 0, wrappable = 0;
  for (std::size_t i = 0; i < columns; ++i) {
    if (i < needs.keep.size()) hard[i] = needs.keep[i];
    widths[i] = std::max(needs.word[i], hard[i]);
    soft[i] = widths[i] - hard[i];
    words += widths[i];
    hards += hard[i];
    softs += soft[i];
    wrappable += std::max(0.0f, needs.natural[i] - widths[i]);
  }
  if (words <= 0) return {};
  const float spare = line - words;
  if (spare > 0 && wrappable > 0) {
    for (std::size_t i = 0; i < columns; ++i)
      widths[i] += std::max(0.0f, needs.natural[i] - widths[i]) * std::min(1.0f, spare / wrappable);
  } else if (spare < 0 && softs > 0 && hards < line) {
    for (std::size_t i = 0; i < columns; ++i) widths[i] = hard[i] + soft[i] * (line - hards) / softs;
  }
  for (float& w : widths) w = std::max(w, 1.0f);
  return widths;
}

}  // namespace

bool fitted_table_fits(const char* id) {
  // With a scrollbar's width to spare, as Row keeps (layout.hpp): a panel that gains a
  // scrollbar loses that much of its line.
  return ImGui::GetStateStorage()->GetFloat(natural_width_key(id), 0.0f) + ImGui::GetStyle().ScrollbarSize <=
         ImGui::GetContentRegionAvail().x;
}

bool begin_fitted_table(const char* id, int columns, ImGuiTableFlags flags) {
  // Wider than the line, the columns share the line instead and their text wraps (a
  // phone), else they fit their text unwrapped.
  const bool squeeze = !fitted_table_fits(id);
  // Both ids before BeginTable, which pushes the table's own id.
  const ImGuiID key = natural_width_key(id), table_id = ImGui::GetID(id);
  // Squeezed with words that would not fit whole at the style's cell padding, narrower
  // padding (down to 1 px) to keep them whole.
  float padding = ImGui::GetStyle().CellPadding.x;
  if (squeeze) {
    flags = (flags & ~(ImGuiTableFlags_SizingMask_ | ImGuiTableFlags_NoHostExtendX)) | ImGuiTableFlags_SizingStretchProp;
    ImGui::PushTextWrapPos(0.0f);
    const ColumnNeeds& needs = column_needs()[table_id];
    float words = 0;
    for (std::size_t i = 0; i < needs.word.size(); ++i)
      words += std::max(needs.word[i], i < needs.keep.size() ? needs.keep[i] : 0.0f);
    if (needs.room > 0 && words > 0)
      padding = std::clamp(std::floor((needs.room - words) / (2.0f * static_cast<float>(columns))), 1.0f, padding);
  } else {
    ImGui::PushTextWrapPos(-1.0f);
  }
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(padding, ImGui::GetStyle().CellPadding.y));
  const bool shown = ImGui::BeginTable(id, columns, flags);
  ImGui::PopStyleVar();
  if (!shown) {
    ImGui::PopTextWrapPos();
    return false;
  }
  open_tables().push_back({table_id, squeeze, {}});
  if (!squeeze) {
    // Last frame's auto-fitted widths (this frame's are known only at EndTable).
    if (const ImGuiTable* table = ImGui::TableFindByID(table_id); table && table->ColumnsAutoFitWidth > 0)
      ImGui::GetStateStorage()->SetFloat(key, table->ColumnsAutoFitWidth);
  }
  return true;
}

void end_fitted_table() {
  const bool measure = in_fitted_table() && !open_tables().back().squeeze;
  if (measure) {
    // Each column's natural width: this frame's unwrapped content, as ImGui auto-fits it.
    ImGuiTable* table = ImGui::GetCurrentTable();
    std::vector<float>& natural = column_needs()[table->ID].natural;
    natural.assign(static_cast<std::size_t>(table->ColumnsCount), 0.0f);
    for (int i = 0; i < table->ColumnsCount; ++i)
      natural[static_cast<std::size_t>(i)] = ImGui::TableGetColumnWidthAuto(table, &table->Columns[i]);
  }
  ImGui::EndTable();
  ImGui::PopTextWrapPos();
  if (open_tables().empty()) return;
  ColumnNeeds& needs = column_needs()[open_tables().back().id];
  needs.word.swap(needs.word_now);
  needs.word_now.clear();
  needs.keep.swap(needs.keep_now);
  needs.keep_now.clear();
  open_tables().pop_back();
}

void fitted_column(const char* name, ImGuiTableColumnFlags flags) {
  ImGuiTable* table = ImGui::GetCurrentTable();
  if (!in_fitted_table()) {
    ImGui::TableSetupColumn(name, flags);
    return;
  }
  const int column = table->DeclColumnsCount;
  note_word(column, longest_word(name));
  OpenTable& open = open_tables().back();
  if (!open.squeeze) {
    ImGui::TableSetupColumn(name, flags);
    return;
  }
  if (column == 0) {
    // The text's share of the line, as ImGui counts it: without the outer padding, the
    // spacing between columns and each cell's padding.
    const int n = table->ColumnsCount;
    ColumnNeeds& needs = column_needs()[open.id];
    needs.room = table->WorkRect.GetWidth() - 2 * table->OuterPaddingX -
                 (table->CellSpacingX1 + table->CellSpacingX2) * static_cast<float>(n - 1);
    open.widths = squeezed_widths(needs, static_cast<std::size_t>(n), needs.room - 2 * table->CellPaddingX * static_cast<float>(n));
  }
  if (static_cast<std::size_t>(column) < open.widths.size())
    ImGui::TableSetupColumn(name, (flags & ~ImGuiTableColumnFlags_WidthMask_) | ImGuiTableColumnFlags_WidthStretch,
                            open.widths[static_cast<std::size_t>(column)]);
  else
    ImGui::TableSetupColumn(name, flags);
}

namespace {
void cell_text_v(const ImVec4* color, const char* fmt, va_list args) {
  char text[512];
  std::vsnprintf(text, sizeof text, fmt, args);
  note_word(ImGui::TableGetColumnIndex(), longest_word(text));
  if (color) ImGui::PushStyleColor(ImGuiCol_Text, *color);
  ImGui::TextUnformatted(text);
  if (color) ImGui::PopStyleColor();
}
}  // namespace

void cell_text(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  cell_text_v(nullptr, fmt, args);
  va_end(args);
}

void cell_text_colored(const ImVec4& color, const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  cell_text_v(&color, fmt, args);
  va_end(args);
}

void cell_text_disabled(const char* fmt, ...) {
  const ImVec4 color = ImGui::GetStyle().Colors[ImGuiCol_TextDisabled];
  va_list args;
  va_start(args, fmt);
  cell_text_v(&color, fmt, args);
  va_end(args);
}

void cell_text_unformatted(const std::string& text) { cell_text("%s", text.c_str()); }

void cell_keeps(float width) { note_word(ImGui::TableGetColumnIndex(), width, true); }

void items_table(const char* id, const std::vector<std::string>& fields, int items,
                 const std::function<void(int item, int field, bool turned)>& cell, ImGuiTableFlags flags) {
  const int count = static_cast<int>(fields.size());
  if (fitted_table_fits(id)) {
    if (!begin_fitted_table(id, count, flags)) return;
    for (const std::string& f : fields) fitted_column(f.c_str());
    ImGui::TableHeadersRow();
    for (int item = 0; item < items; ++item) {
      ImGui::TableNextRow();
      for (int field = 0; field < count; ++field) {
        ImGui::TableNextColumn();
        cell(item, field, false);
      }
    }
    end_fitted_table();
    return;
  }
  const std::string turned = std::string(id) + "-turned";
  if (!begin_fitted_table(turned.c_str(), 1 + items, flags)) return;
  for (int column = 0; column <= items; ++column) fitted_column(column == 0 ? "##field" : "##item");
  for (int field = 0; field < count; ++field) {
    // No ImGuiTableRowFlags_Headers on the items' names: a header row's text does not
    // widen its column, and a long name was cut.
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    cell_text_unformatted(fields[static_cast<std::size_t>(field)]);
    for (int item = 0; item < items; ++item) {
      ImGui::TableNextColumn();
      cell(item, field, true);
    }
  }
  end_fitted_table();
}

}  // namespace digitlab::app
