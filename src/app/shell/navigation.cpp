// Getting around the page: the "Tutorial" and "Questions" tabs, the lesson mode (?lesson=1
// or the Lesson button) and the embedded mode that shows one panel alone (?panel=sigmoid).
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <sstream>

#include "app/chapters/chapter_precomputed.hpp"
#include "app/chapters/chapters.hpp"
#include "app/panels/panels.hpp"
#include "app/work/work.hpp"

namespace digitlab::app {

namespace {

void group_tabs(AppState& s, PanelGroup group, const char* bar_id) {
  ChapterState& c = s.chapters;
  if (!ImGui::BeginTabBar(bar_id, ImGuiTabBarFlags_FittingPolicyScroll)) return;
  const int requested = c.requested_subtab;
  for (const PanelInfo& info : panel_infos()) {
    if (info.group != group) continue;
    const ImGuiTabItemFlags flags = requested == static_cast<int>(info.panel) ? ImGuiTabItemFlags_SetSelected : 0;
    if (ImGui::BeginTabItem(info.title, nullptr, flags)) {
      // While a requested tab is on its way (ImGui selects it next frame), draw nothing:
      // a chapter drawn for one frame would start its work for nothing.
      if (requested < 0 || requested == static_cast<int>(info.panel)) {
        s.panel = info.panel;
        ImGui::BeginChild("chapter");
        info.draw(s);
        ImGui::EndChild();
      }
      ImGui::EndTabItem();
    }
  }
  if (requested >= 0 && s.panel == static_cast<Panel>(requested)) c.requested_subtab = -1;
  ImGui::EndTabBar();
}

}  // namespace

void chapter_tabs(AppState& s) {
  ChapterState& c = s.chapters;
  if (s.requested_panel >= 0 && panel_info(static_cast<Panel>(s.requested_panel)).group != PanelGroup::Main)
    c.requested_subtab = s.requested_panel;
  const PanelGroup wanted = c.requested_subtab >= 0 ? panel_info(static_cast<Panel>(c.requested_subtab)).group : PanelGroup::Main;
  const std::pair<const char*, PanelGroup> groups[] = {{"Tutorial", PanelGroup::Tutorial}, {"Questions", PanelGroup::Questions}};
  for (const auto& [title, group] : groups) {
    const ImGuiTabItemFlags flags = s.requested_panel >= 0 && wanted == group ? ImGuiTabItemFlags_SetSelected : 0;
    if (ImGui::BeginTabItem(title, nullptr, flags)) {
      ImGui::BeginChild("panel", ImVec2(0, -status_room(s)));
      group_tabs(s, group, group == PanelGroup::Tutorial ? "chapters" : "questions");
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
  }
}

void lesson_button(AppState& s) {
  LessonState& l = s.chapters.lesson;
  if (l.active) return;
  const char* label = "Lesson: walk through the tutorial";
  ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 20,
                           ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(label).x - 2 * ImGui::GetStyle().FramePadding.x));
  if (ImGui::SmallButton(label)) l.active = true;
}

void lesson_view(AppState& s) {
  LessonState& l = s.chapters.lesson;
  const std::vector<Panel>& steps = lesson_steps();
  l.step = std::clamp(l.step, 0, static_cast<int>(steps.size()) - 1);
  auto remember = [](float* rect) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    rect[0] = a.x;
    rect[1] = a.y;
    rect[2] = b.x - a.x;
    rect[3] = b.y - a.y;
  };
  ImGui::BeginDisabled(l.step == 0);
  if (ImGui::Button("< Back", ImVec2(90, 0))) --l.step;
  ImGui::EndDisabled();
  remember(l.back_button);
  ImGui::SameLine();
  ImGui::BeginDisabled(l.step + 1 >= static_cast<int>(steps.size()));
  if (ImGui::Button("Next >", ImVec2(90, 0))) ++l.step;
  ImGui::EndDisabled();
  remember(l.next_button);
  l.step = std::clamp(l.step, 0, static_cast<int>(steps.size()) - 1);
  const PanelInfo& info = panel_info(steps[static_cast<std::size_t>(l.step)]);
  s.panel = info.panel;
  ImGui::SameLine();
  ImGui::Text("Lesson, step %d of %d: %s", l.step + 1, static_cast<int>(steps.size()), info.title);
  ImGui::SameLine();
  const char* leave = "Leave the lesson";
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX() + 10, ImGui::GetWindowContentRegionMax().x -
                                                                 ImGui::CalcTextSize(leave).x - 2 * ImGui::GetStyle().FramePadding.x));
  if (ImGui::Button(leave)) l.active = false;
  const float wrap = ImGui::GetContentRegionAvail().x - 24;
  const float text_h = ImGui::CalcTextSize(info.lesson, nullptr, false, wrap).y + 16;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(34, 44, 60, 255));
  ImGui::BeginChild("lesson_text", ImVec2(0, text_h), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::TextWrapped("%s", info.lesson);
  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::BeginChild("lesson_panel", ImVec2(0, -status_room(s)));
  info.draw(s);
  ImGui::EndChild();
}

void embedded_view(AppState& s) {
  const PanelInfo& info = panel_info(s.panel);
  ImGui::TextDisabled("Digit Lab: %s", info.title);
  ImGui::BeginChild("embedded", ImVec2(0, s.notice_is_error ? -ImGui::GetTextLineHeightWithSpacing() * 2.2f : 0));
  info.draw(s);
  ImGui::EndChild();
  if (s.notice_is_error) ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "%s", s.notice.c_str());
}

}  // namespace digitlab::app
