// Under the canvas: "save as 0 ... 9" (or the keys 0-9) puts the drawing in the learner's
// own test set, listed as a gallery with Delete, exported and imported as MNIST's IDX pair.
// Evaluate can then score any model on it (work/my_drawings.hpp).
#include <imgui.h>

#include <algorithm>
#include <string>

#include "app/panels/panels.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/widgets.hpp"
#include "app/work/my_drawings.hpp"

namespace digitlab::app {

namespace {

// On the line when it fits, else on the next (a phone's narrow column).
void same_line_for_button(const char* label) {
  same_line_if_room(ImGui::CalcTextSize(label).x + 2 * ImGui::GetStyle().FramePadding.x);
}

}  // namespace

void save_drawing_buttons(AppState& app) {
  ImGui::AlignTextToFramePadding();  // level with the buttons beside it
  ImGui::TextDisabled("save as:");
  for (int k = 0; k < 10; ++k) {
    const std::string label = std::to_string(k);
    same_line_for_button(label.c_str());
    ImGui::PushID(k);
    ImGui::BeginDisabled(!app.draw.digit);
    if (compact_button(label.c_str())) save_drawing(app, k);
    ImGui::EndDisabled();
    ImGui::PopID();
  }
  // The keys 0-9 do the same, unless a text field has the keyboard (ImGui 1.86 names no
  // digit keys, so the typed characters are read).
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.WantTextInput && app.draw.digit)
    for (ImWchar c : io.InputQueueCharacters)
      if (c >= '0' && c <= '9') {
        save_drawing(app, c - '0');
        break;  // one drawing, one save
      }
}

void my_drawings_gallery(AppState& app) {
  MyDrawingsState& m = app.mine;
  const int count = m.set ? m.set->size() : 0;
  ImGui::Separator();
  ImGui::Text("Your test set: %d drawing%s", count, count == 1 ? "" : "s");
  same_line_for_button("Export");
  if (compact_button("Export")) m.export_requested = true;
  same_line_for_button("Import...");
  if (compact_button("Import...")) m.import_requested = true;
  if (count > 0) {
    same_line_for_button("Evaluate on them");
    if (compact_button("Evaluate on them")) {
      evaluate_on(app, true);
      app.requested_panel = static_cast<int>(Panel::Evaluate);
    }
  }
  if (count == 0) {
    ImGui::TextWrapped("Draw a digit and save it with its label (the buttons above, or the keys 0-9 on a keyboard): your "
                       "drawings stay in this browser and make a test set of your own handwriting.");
    return;
  }
  const int shown = std::min(count, DigitAtlas::kColumns * DigitAtlas::kColumns);
  const std::string key = std::to_string(m.version);
  if (key != m.gallery_key) {
    std::vector<int> rows(static_cast<std::size_t>(shown));
    for (int i = 0; i < shown; ++i) rows[static_cast<std::size_t>(i)] = i;
    build_atlas(m.gallery, m.set->pixels, rows);
    m.gallery_key = key;
    m.selected = -1;
  }
  std::vector<std::string> captions;
  for (int i = 0; i < shown; ++i)
    captions.push_back((i == m.selected ? "[" : "") + std::to_string(m.set->labels[static_cast<std::size_t>(i)]) +
                       (i == m.selected ? "]" : ""));
  if (m.selected >= 0) {
    ImGui::Text("drawing %d, saved as %d:", m.selected + 1, m.set->labels[static_cast<std::size_t>(m.selected)]);
    same_line_for_button("Delete");
    if (compact_button("Delete")) delete_drawing(app, m.selected);
  } else {
    ImGui::TextWrapped("Click a drawing to select it for Delete.");
  }
  const int clicked = digit_grid(m.gallery, 36, captions);
  if (clicked >= 0) m.selected = clicked == m.selected ? -1 : clicked;
  if (shown < count) ImGui::TextDisabled("(the first %d of %d shown)", shown, count);
}

}  // namespace digitlab::app
