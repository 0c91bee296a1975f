#include "app/widgets/layout.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // a table's auto-fitted width, a window's scrollbar and wrap position

#include <algorithm>
#include <string>

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
  if (squeeze) {
    flags = (flags & ~(ImGuiTableFlags_SizingMask_ | ImGuiTableFlags_NoHostExtendX)) | ImGuiTableFlags_SizingStretchProp;
    ImGui::PushTextWrapPos(0.0f);
  } else {
    ImGui::PushTextWrapPos(-1.0f);
  }
  if (!ImGui::BeginTable(id, columns, flags)) {
    ImGui::PopTextWrapPos();
    return false;
  }
  if (!squeeze) {
    // Last frame's auto-fitted widths (this frame's are known only at EndTable).
    if (const ImGuiTable* table = ImGui::TableFindByID(table_id); table && table->ColumnsAutoFitWidth > 0)
      ImGui::GetStateStorage()->SetFloat(key, table->ColumnsAutoFitWidth);
  }
  return true;
}

void end_fitted_table() {
  ImGui::EndTable();
  ImGui::PopTextWrapPos();
}

void items_table(const char* id, const std::vector<std::string>& fields, int items,
                 const std::function<void(int item, int field, bool turned)>& cell, ImGuiTableFlags flags) {
  const int count = static_cast<int>(fields.size());
  if (fitted_table_fits(id)) {
    if (!begin_fitted_table(id, count, flags)) return;
    for (const std::string& f : fields) ImGui::TableSetupColumn(f.c_str());
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
  for (int field = 0; field < count; ++field) {
    // No ImGuiTableRowFlags_Headers on the items' names: a header row's text does not
    // widen its column, and a long name was cut.
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(fields[static_cast<std::size_t>(field)].c_str());
    for (int item = 0; item < items; ++item) {
      ImGui::TableNextColumn();
      cell(item, field, true);
    }
  }
  end_fitted_table();
}

}  // namespace digitlab::app
