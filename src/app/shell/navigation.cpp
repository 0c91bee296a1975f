// Getting around the page: the "Tutorial" and "Questions" tabs, the lesson mode (?lesson=1
// or the Lesson button) and the embedded mode that shows one panel alone (?panel=sigmoid).
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <vector>

#include "app/chapters/chapter_precomputed.hpp"
#include "app/chapters/chapters.hpp"
#include "app/panels/panels.hpp"
#include "app/shell/share.hpp"
#include "app/work/work.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/widgets.hpp"

namespace digitlab::app {

namespace {

// A panel's own drawing; a tutorial chapter or question on Fashion-MNIST first says that
// its text was written for MNIST's digits (dataset_switch.hpp).
void draw_panel(AppState& s, const PanelInfo& info) {
  if (info.group != PanelGroup::Main && !s.classes->digits()) {
    ImGui::PushStyleColor(ImGuiCol_Text, note_color());
    ImGui::TextWrapped("On %s: this part was written for MNIST's handwritten digits. Its experiments, figures and "
                       "pictures come from the %s on screen; where its text says digit, read %s, and a remark about "
                       "a particular digit (a 4 looking like a 9) is about MNIST.",
                       s.classes->title.c_str(), s.classes->items.c_str(), s.classes->item.c_str());
    ImGui::PopStyleColor();
  }
  info.draw(s);
}

// Whether the group's tabs fit the line; a row of tabs wider than the screen would hide
// some behind scroll arrows.
bool tabs_fit(PanelGroup group) {
  const ImGuiStyle& style = ImGui::GetStyle();
  float width = 0;
  for (const PanelInfo& info : panel_infos())
    if (info.group == group) width += ImGui::CalcTextSize(info.title).x + 2 * style.FramePadding.x + style.ItemInnerSpacing.x;
  return width <= ImGui::GetContentRegionAvail().x;
}

// How the main tab bar's six titles fit the line: the style's padding and gap while they
// fit, else what shares the line out among them, down to 2 px each, and then a smaller
// type, down to 80% (a touch screen's 10 px padding and 8 px gaps made the six 60-80 px
// wider than a 390 px phone, and ImGui then cut their titles).
struct TabFit {
  float padding, gap, font_scale;
};

TabFit main_tab_fit() {
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::vector<const char*>& titles = main_tab_titles();
  const int tabs = static_cast<int>(titles.size());
  float text = 0;
  for (const char* t : titles) text += ImGui::CalcTextSize(t).x;
  // ImGui makes each tab 1 px wider than its title and padding (TabItemCalcSize); 2 px spare.
  const float line = ImGui::GetContentRegionAvail().x - tabs - 2;
  if (text + (tabs - 1) * style.ItemInnerSpacing.x + tabs * 2 * style.FramePadding.x <= line)
    return {style.FramePadding.x, style.ItemInnerSpacing.x, 1.0f};
  const float gap = std::min(style.ItemInnerSpacing.x, 2.0f);
  const float padding = std::clamp((line - text - (tabs - 1) * gap) / (2 * tabs), 2.0f, style.FramePadding.x);
  const float room = line - (tabs - 1) * gap - tabs * 2 * padding;
  return {padding, gap, std::clamp(room / text, 0.8f, 1.0f)};
}

// Runs `begin` (BeginTabBar or BeginTabItem) with the fit's padding, gap and type, then
// puts them back for what the tab holds.
bool with_tab_fit(const std::function<bool()>& begin) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const TabFit fit = main_tab_fit();
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(fit.padding, style.FramePadding.y));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemInnerSpacing, ImVec2(fit.gap, style.ItemInnerSpacing.y));
  ImGui::SetWindowFontScale(fit.font_scale);
  const bool open = begin();
  ImGui::SetWindowFontScale(1.0f);
  ImGui::PopStyleVar(2);
  return open;
}

// Where the tabs do not fit (a phone, a tablet with touch-sized tabs): the group's panels
// in a drop-down list, the choice kept in ImGui's storage as a tab bar keeps its own.
void group_list(AppState& s, PanelGroup group, const char* id) {
  ChapterState& c = s.chapters;
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID key = ImGui::GetID(id);
  std::vector<const PanelInfo*> members;
  for (const PanelInfo& info : panel_infos())
    if (info.group == group) members.push_back(&info);
  // The panel shown, when it is of this group: a window narrowed from tabs to this list (a
  // phone turned upright) stays on its chapter.
  int current = panel_info(s.panel).group == group ? static_cast<int>(s.panel)
                                                   : storage->GetInt(key, static_cast<int>(members.front()->panel));
  if (c.requested_subtab >= 0 && panel_info(static_cast<Panel>(c.requested_subtab)).group == group) {
    current = c.requested_subtab;
    c.requested_subtab = -1;
  }
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo(id, panel_info(static_cast<Panel>(current)).title)) {
    for (const PanelInfo* info : members)
      if (ImGui::Selectable(info->title, static_cast<int>(info->panel) == current)) current = static_cast<int>(info->panel);
    ImGui::EndCombo();
  }
  storage->SetInt(key, current);
  const PanelInfo& info = panel_info(static_cast<Panel>(current));
  s.panel = info.panel;
  // A child of its own for each chapter, as each tab has: each keeps its own scroll, and
  // one chosen from the list opens at its top, not where the last one was scrolled to.
  ImGui::PushID(static_cast<int>(info.panel));
  begin_panel_child("chapter", ImVec2(0, 0));
  draw_panel(s, info);
  end_panel_child();
  ImGui::PopID();
}

void group_tabs(AppState& s, PanelGroup group, const char* bar_id) {
  ChapterState& c = s.chapters;
  if (!tabs_fit(group)) {
    group_list(s, group, group == PanelGroup::Tutorial ? "##chapter_list" : "##question_list");
    return;
  }
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
        begin_panel_child("chapter", ImVec2(0, 0));
        draw_panel(s, info);
        end_panel_child();
      }
      ImGui::EndTabItem();
    }
  }
  if (requested >= 0 && s.panel == static_cast<Panel>(requested)) c.requested_subtab = -1;
  ImGui::EndTabBar();
}

}  // namespace

bool begin_main_tab_bar(const char* id) {
  return with_tab_fit([id] { return ImGui::BeginTabBar(id); });
}

bool begin_main_tab(const char* title, ImGuiTabItemFlags flags) {
  return with_tab_fit([title, flags] { return ImGui::BeginTabItem(title, nullptr, flags); });
}

void chapter_tabs(AppState& s) {
  ChapterState& c = s.chapters;
  if (s.requested_panel >= 0 && panel_info(static_cast<Panel>(s.requested_panel)).group != PanelGroup::Main)
    c.requested_subtab = s.requested_panel;
  const PanelGroup wanted = c.requested_subtab >= 0 ? panel_info(static_cast<Panel>(c.requested_subtab)).group : PanelGroup::Main;
  for (const PanelGroup group : {PanelGroup::Tutorial, PanelGroup::Questions}) {
    const ImGuiTabItemFlags flags = s.requested_panel >= 0 && wanted == group ? ImGuiTabItemFlags_SetSelected : 0;
    if (begin_main_tab(group_title(group), flags)) {
      begin_panel_child("panel", ImVec2(0, -status_room(s)));
      group_tabs(s, group, group == PanelGroup::Tutorial ? "chapters" : "questions");
      end_panel_child();
      ImGui::EndTabItem();
    }
  }
}

namespace {
constexpr const char* kLessonLong = "Lesson: walk through the tutorial###lesson";
constexpr const char* kLessonShort = "Lesson###lesson";
float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
}
}  // namespace

float lesson_button_min_width() { return button_width(kLessonShort); }

void lesson_button(AppState& s) {
  LessonState& l = s.chapters.lesson;
  if (l.active) return;
  // Right-aligned after the line's last item, never over it.
  const float after = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + ImGui::GetStyle().ItemSpacing.x;
  const float right = ImGui::GetWindowContentRegionMax().x;
  const char* label = after + button_width(kLessonLong) <= right ? kLessonLong : kLessonShort;
  ImGui::SameLine(std::max(after, right - button_width(label)));
  if (compact_button(label)) l.active = true;
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
  // Step and Leave beside Back and Next when they fit, else on the next line (a phone).
  char step[160];
  // A chapter's title starts with its number ("3 Sigmoid"); beside the step's own number it
  // would read twice, so the line names the chapter only.
  const char* name = info.title;
  while (*name >= '0' && *name <= '9') ++name;
  if (name != info.title && *name == ' ') ++name;
  else name = info.title;
  std::snprintf(step, sizeof step, "Lesson, step %d of %d: %s", l.step + 1, static_cast<int>(steps.size()), name);
  const char* leave = "Leave the lesson";
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float left_on_line =
      ImGui::GetWindowContentRegionMax().x - (ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x) - spacing;
  if (left_on_line >= ImGui::CalcTextSize(step).x + button_width(leave) + 2 * spacing) ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(step);
  ImGui::SameLine();
  const float after = ImGui::GetCursorPosX();
  if (after + button_width(leave) > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
  else ImGui::SetCursorPosX(std::max(after, ImGui::GetWindowContentRegionMax().x - button_width(leave)));
  if (ImGui::Button(leave)) l.active = false;
  // The box's height for its text wrapped at the width where it is drawn.
  auto text_height = [&] { return ImGui::CalcTextSize(info.lesson, nullptr, false, ImGui::GetContentRegionAvail().x - 24).y + 16; };
  const float text_h = text_height();
  auto lesson_text = [&] {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, lesson_background_color());
    ImGui::BeginChild("lesson_text", ImVec2(0, text_height()), true, ImGuiWindowFlags_NoScrollbar);
    ImGui::TextWrapped("%s", info.lesson);
    ImGui::EndChild();
    ImGui::PopStyleColor();
  };
  // The step's text stays above the panel while it takes under a sixth of the window's
  // height (which scrolling does not change: a desktop's two lines, a tablet's four); on
  // a phone it scrolls away with the panel, where with the lesson's buttons it kept
  // 40% of the screen.
  const bool text_scrolls = text_h > ImGui::GetWindowHeight() / 6;
  if (!text_scrolls) lesson_text();
  begin_panel_child("lesson_panel", ImVec2(0, -status_room(s)));
  if (text_scrolls) lesson_text();
  draw_panel(s, info);
  end_panel_child();
}

void embedded_view(AppState& s) {
  const PanelInfo& info = panel_info(s.panel);
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Digit Lab: %s", info.title);
  share_buttons(s, true);  // "Copy link", "Copy embed code"
  // Errors, and what a Copy button did; the panel keeps the rest of the height.
  const bool notice = !s.notice.empty() && (s.notice_is_error || s.notice_for_embed);
  const float notice_height =
      notice ? ImGui::CalcTextSize(s.notice.c_str(), nullptr, false, ImGui::GetContentRegionAvail().x).y +
                   2 * ImGui::GetStyle().ItemSpacing.y
             : 0.0f;
  begin_panel_child("embedded", ImVec2(0, -notice_height));
  draw_panel(s, info);
  end_panel_child();
  if (notice) {
    ImGui::PushStyleColor(ImGuiCol_Text, s.notice_is_error ? error_text_color() : success_text_color());
    ImGui::TextWrapped("%s", s.notice.c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace digitlab::app
