#include "app/chapters/question_prompt.hpp"

#include <imgui.h>

#include "app/chapters/chapters.hpp"
#include "app/widgets/widgets.hpp"

namespace digitlab::app {

bool question_prompt(const char* id, const Question& q, int& guess) {
  ImGui::PushID(id);
  ImGui::PushStyleColor(ImGuiCol_Text, heading_color());
  ImGui::TextWrapped("The tutorial asks: \"%s\"", q.tutorial);
  ImGui::PopStyleColor();
  ImGui::TextWrapped("%s", q.ask);
  // Side by side while they fit the width (a phone's is narrow), else one under another.
  auto same_line_if_fits = [](const char* label) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + 18 + width <= right) ImGui::SameLine(0, 18);
  };
  for (int i = 0; i < static_cast<int>(q.options.size()); ++i) {
    if (i > 0) same_line_if_fits(q.options[static_cast<std::size_t>(i)].c_str());
    ImGui::RadioButton(q.options[static_cast<std::size_t>(i)].c_str(), &guess, i);
  }
  bool shown = guess != kNoGuess;
  if (!shown) {
    same_line_if_fits("Show without guessing");
    if (compact_button("Show without guessing")) guess = kSkipped;
    ImGui::TextDisabled("Choose what you expect; the result appears then.");
  }
  ImGui::PopID();
  ImGui::Separator();
  return guess != kNoGuess || shown;
}

void question_takeaway(const Takeaway& t, const Question& q, int guess) {
  const std::string line = takeaway_line(t, q, guess);
  ImGui::PushStyleColor(ImGuiCol_Text, t.outcome == guess && guess >= 0 ? success_text_color()
                                                                        : ImGui::GetColorU32(ImGuiCol_Text));
  ImGui::TextWrapped("Takeaway: %s", line.c_str());
  ImGui::PopStyleColor();
}

void question_json(JsonWriter& j, const Question& q, int guess, const Takeaway* t) {
  j.key("question").value(q.tutorial).key("ask").value(q.ask).key("options").begin_array();
  for (const std::string& option : q.options) j.value(option);
  j.end_array().key("guess").value(guess)
      .key("guess_text").value(guess >= 0 && guess < static_cast<int>(q.options.size()) ? q.options[static_cast<std::size_t>(guess)] : "");
  if (t) j.key("outcome").value(t->outcome).key("takeaway").value(takeaway_line(*t, q, guess));
}

}  // namespace digitlab::app
