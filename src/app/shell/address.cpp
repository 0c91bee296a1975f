// The page's address written from what it shows (issue 15): the panel or lesson step, that
// chapter's settings, the Train form, the colormap and the theme, each only when it is not
// its default, so that opening the address (apply_query, url_query.cpp) shows the same
// view and a plain visit keeps a plain address.
#include <algorithm>

#include "app/chapters/chapters.hpp"
#include "app/logic/query_format.hpp"
#include "lessons/questions.hpp"

namespace digitlab::app {

namespace {

// The panel on screen, or the one asked for (showPanel, a tab chosen from outside) while
// ImGui selects it over the next frames: the address goes straight to where it is going.
Panel shown_panel(const AppState& s) {
  if (s.requested_panel >= 0) return static_cast<Panel>(s.requested_panel);
  if (s.chapters.requested_subtab >= 0) return static_cast<Panel>(s.chapters.requested_subtab);
  return s.panel;
}

Panel lesson_panel(int step) {
  const std::vector<Panel>& steps = lesson_steps();
  return steps[static_cast<std::size_t>(std::clamp(step, 0, static_cast<int>(steps.size()) - 1))];
}

// The panel's place in the address: an embedded panel stays an embed address
// (?panel=sigmoid); in the whole interface a panel other than Draw is ?panel=...&embed=0,
// and a lesson step ?lesson=N.
void write_place(const AppState& s, Panel panel, std::vector<KeyValue>& out) {
  const ChapterState& c = s.chapters;
  if (c.embedded) {
    out.push_back({"panel", panel_key(panel)});
  } else if (c.lesson.active) {
    out.push_back({"lesson", std::to_string(c.lesson.step + 1)});
  } else if (panel != Panel::Draw) {
    out.push_back({"panel", panel_key(panel)});
    out.push_back({"embed", "0"});
  }
}

// The shown chapter's own keys, and a question's answer. Only the shown chapter's: several
// chapters share keys (subset=, digit=), and the address is about what is on screen.
void write_chapter(const AppState& s, Panel panel, std::vector<KeyValue>& out) {
  const ChapterDef* chapter = chapter_of(panel);
  if (!chapter) return;
  if (chapter->write_settings) chapter->write_settings(s, out);
  if (chapter->guess) {
    // guess() only finds where the answer is kept; nothing is changed here.
    const int answer = *chapter->guess(const_cast<AppState&>(s));
    if (answer == kSkipped) out.push_back({"guess", "skip"});
    else if (answer >= 0) out.push_back({"guess", std::to_string(answer)});
  }
}

}  // namespace

std::string current_address(const AppState& s) {
  std::vector<KeyValue> items;
  const ChapterState& c = s.chapters;
  const Panel panel = c.lesson.active && !c.embedded ? lesson_panel(c.lesson.step) : shown_panel(s);
  write_place(s, panel, items);
  if (!s.classes->digits()) items.push_back({"data", s.classes->key});
  write_chapter(s, panel, items);
  if (panel == Panel::Evaluate && s.eval.compare_view) items.push_back({"compare", "1"});
  if (s.chapters.colormap != Colormap::Gray) items.push_back({"colormap", colormap_key(s.chapters.colormap)});
  for (const KeyValue& item : train_form_items(s.form)) items.push_back({"train." + item.key, item.value});
  if (s.train.details) items.push_back({"details", "1"});
  if (s.light_theme) items.push_back({"theme", "light"});
  return format_query(items);
}

}  // namespace digitlab::app
