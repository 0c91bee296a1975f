#include "app/widgets/layout.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // a table's auto-fitted width (TableFindByID)

#include <algorithm>
#include <string>

namespace digitlab::app {

Row::Row(std::initializer_list<float> min_widths) {
  float total = 0;
  for (float w : min_widths) total += w;
  total += ImGui::GetStyle().ItemSpacing.x * static_cast<float>(std::max<std::size_t>(1, min_widths.size()) - 1);
  side_by_side_ = total <= ImGui::GetContentRegionAvail().x;
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

float Row::rest() { return ImGui::GetContentRegionAvail().x; }

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

bool begin_fitted_table(const char* id, int columns, ImGuiTableFlags flags) {
  // The columns' natural width, measured while they were auto-fitted (kept in ImGui's
  // storage, as a table keeps its own): wider than the line, the columns share the line
  // instead and their text wraps (a phone), else they fit their text unwrapped.
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID key = ImGui::GetID((std::string(id) + "##natural width").c_str());
  const float natural = storage->GetFloat(key, 0.0f);
  const bool squeeze = natural > ImGui::GetContentRegionAvail().x;
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
    if (const ImGuiTable* table = ImGui::TableFindByID(ImGui::GetID(id)); table && table->ColumnsAutoFitWidth > 0)
      storage->SetFloat(key, table->ColumnsAutoFitWidth);
  }
  return true;
}

void end_fitted_table() {
  ImGui::EndTable();
  ImGui::PopTextWrapPos();
}

}  // namespace digitlab::app
