// The chapters' share of each frame: their experiments advanced a slice at a time, and
// their part of window.digitlab.state().
#include <algorithm>
#include <chrono>
#include <utility>

#include "app/chapters/chapter_precomputed.hpp"
#include "app/chapters/chapters.hpp"
#include "app/work/work.hpp"

namespace digitlab::app {

bool advance_chapters(AppState& s, double budget_seconds) {
  ChapterState& c = s.chapters;
  const auto started = std::chrono::steady_clock::now();
  const std::vector<ChapterDef>& chapters = chapter_defs();
  if (s.data.train && s.data.test && !c.start_requested.empty()) {  // ?run=1, once the digits are in
    const std::vector<int> requested = std::exchange(c.start_requested, {});
    for (int panel : requested) chapter_of(static_cast<Panel>(panel))->start(s);
  }
  // The visible panel's work first, then anything else waiting; one piece per frame.
  auto measure = [&](Panel panel) {  // true: some chapter had work
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    ++c.work_slices;
    if (ms > 50) ++c.slow_slices;
    if (ms > c.longest_work_ms) {
      c.longest_work_ms = ms;
      c.longest_work = panel_key(panel);
    }
    return true;
  };
  // A chapter's work that throws (no memory, a bug) stops, alone: the notice says so
  // and the rest of the page goes on.
  auto attempt = [&](Panel panel, bool (*work)(AppState&, double)) {
    if (std::find(c.stalled.begin(), c.stalled.end(), static_cast<int>(panel)) != c.stalled.end()) return false;
    try {
      if (take_fault(s, "chapter")) throw std::runtime_error("a fault injected by window.digitlab.injectFault");
      return work(s, budget_seconds);
    } catch (const std::exception& error) {
      c.stalled.push_back(static_cast<int>(panel));
      set_notice(s, std::string("the ") + panel_key(panel) + " chapter's work stopped: " + failure_text(error) +
                        ". The rest of the page is unaffected; reload to run it again.",
                 true);
      return true;
    }
  };
  for (std::size_t i = 0; i < chapters.size(); ++i)
    if (chapter_panel(i) == s.panel && chapters[i].advance && attempt(s.panel, chapters[i].advance)) return measure(s.panel);
  for (std::size_t i = 0; i < chapters.size(); ++i)
    if (chapter_panel(i) != s.panel && chapters[i].advance && attempt(chapter_panel(i), chapters[i].advance))
      return measure(chapter_panel(i));
  return false;
}

void write_chapters_json(JsonWriter& j, const AppState& s, bool with_texts) {
  const ChapterState& c = s.chapters;
  const LessonState& l = c.lesson;
  j.key("embedded").value(c.embedded).key("query").value(c.query).key("colormap").value(colormap_key(c.colormap));
  j.key("chapter_work").begin_object().key("longest_ms").value(c.longest_work_ms).key("panel").value(c.longest_work)
      .key("slices").value(c.work_slices).key("over_50_ms").value(c.slow_slices)
      .key("worker").value(c.remote.available()).key("worker_problem").value(c.remote.broken()).end_object();
  j.key("lesson").begin_object().key("active").value(l.active).key("step").value(l.step + 1)
      .key("steps").value(static_cast<int>(lesson_steps().size()))
      .key("panel").value(panel_key(lesson_steps()[static_cast<std::size_t>(std::clamp(l.step, 0, static_cast<int>(lesson_steps().size()) - 1))]));
  for (const auto& [name, rect] : {std::pair<const char*, const float*>{"next_button", l.next_button}, {"back_button", l.back_button}})
    j.key(name).begin_object().key("x").value(static_cast<double>(rect[0])).key("y").value(static_cast<double>(rect[1]))
        .key("w").value(static_cast<double>(rect[2])).key("h").value(static_cast<double>(rect[3])).end_object();
  j.end_object();
  j.key("chapter_results");
  chapter_results_json(j, s);
  if (!with_texts) return;
  j.key("chapters").begin_object();
  for (const ChapterDef& chapter : chapter_defs()) {
    j.key(chapter.key);
    chapter.json(j, s);
  }
  j.end_object();
}

}  // namespace digitlab::app
