// The chapters' share of each frame: their experiments advanced a slice at a time, and
// their part of window.digitlab.state().
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

void advance_chapters(AppState& s, double budget_seconds) {
  ChapterState& c = s.chapters;
  const auto started = std::chrono::steady_clock::now();
  if (s.data.train && s.data.test) {
    if (c.logistic.autorun) start_logistic_runs(s);
    if (c.scaling.autorun) start_scaling_runs(s);
    if (c.poly.autorun) start_poly_runs(s);
    if (c.test_size.autorun) start_test_size_runs(s);
    if (c.imbalance.autorun) start_imbalance_runs(s);
    if (c.augment.autorun) start_augment_runs(s);
    if (c.weights.autorun) start_weights_run(s);
  }
  auto queue = [&](RunQueue& q) { return [&q](double budget) { return q.step(budget); }; };
  auto own = [&](bool (*fn)(AppState&, double)) { return [&s, fn](double budget) { return fn(s, budget); }; };
  const std::pair<Panel, std::function<bool(double)>> workers[] = {
      {Panel::Mnist, own(advance_mnist)},          {Panel::Scaling, own(advance_scaling)},
      {Panel::Pca, own(advance_pca)},              {Panel::Weights, own(advance_weights)},
      {Panel::Weights, queue(c.weights.run)},      {Panel::Logistic, queue(c.logistic.runs)},
      {Panel::Scaling, queue(c.scaling.runs)},     {Panel::Poly, queue(c.poly.runs)},
      {Panel::TestSize, queue(c.test_size.runs)},  {Panel::Imbalance, queue(c.imbalance.runs)},
      {Panel::Augment, own(advance_augment)},
  };
  // The visible panel's work first, then anything else waiting; one piece per frame.
  auto measure = [&](Panel panel) {
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    ++c.work_slices;
    if (ms > 50) ++c.slow_slices;
    if (ms > c.longest_work_ms) {
      c.longest_work_ms = ms;
      c.longest_work = panel_key(panel);
    }
  };
  // A chapter's work that throws (no memory, a bug) stops, alone: the notice says so
  // and the rest of the page goes on.
  auto attempt = [&](Panel panel, const std::function<bool(double)>& work) {
    if (std::find(c.stalled.begin(), c.stalled.end(), static_cast<int>(panel)) != c.stalled.end()) return false;
    try {
      if (take_fault(s, "chapter")) throw std::runtime_error("a fault injected by window.digitlab.injectFault");
      return work(budget_seconds);
    } catch (const std::exception& error) {
      c.stalled.push_back(static_cast<int>(panel));
      set_notice(s, std::string("the ") + panel_key(panel) + " chapter's work stopped: " + failure_text(error) +
                        ". The rest of the page is unaffected; reload to run it again.",
                 true);
      return true;
    }
  };
  for (const auto& [panel, work] : workers)
    if (panel == s.panel && attempt(panel, work)) return measure(panel);
  for (const auto& [panel, work] : workers)
    if (panel != s.panel && attempt(panel, work)) return measure(panel);
}



void write_chapters_json(JsonWriter& j, const AppState& s) {
  const ChapterState& c = s.chapters;
  const LessonState& l = c.lesson;
  j.key("embedded").value(c.embedded).key("query").value(c.query).key("colormap").value(colormap_key(c.colormap));
  j.key("chapter_work").begin_object().key("longest_ms").value(c.longest_work_ms).key("panel").value(c.longest_work)
      .key("slices").value(c.work_slices).key("over_50_ms").value(c.slow_slices).end_object();
  j.key("lesson").begin_object().key("active").value(l.active).key("step").value(l.step + 1)
      .key("steps").value(static_cast<int>(lesson_steps().size()))
      .key("panel").value(panel_key(lesson_steps()[static_cast<std::size_t>(std::clamp(l.step, 0, static_cast<int>(lesson_steps().size()) - 1))]));
  for (const auto& [name, rect] : {std::pair<const char*, const float*>{"next_button", l.next_button}, {"back_button", l.back_button}})
    j.key(name).begin_object().key("x").value(static_cast<double>(rect[0])).key("y").value(static_cast<double>(rect[1]))
        .key("w").value(static_cast<double>(rect[2])).key("h").value(static_cast<double>(rect[3])).end_object();
  j.end_object();
  j.key("chapter_results");
  chapter_results_json(j, s);
  j.key("chapters").begin_object();
  const std::pair<const char*, void (*)(JsonWriter&, const AppState&)> parts[] = {
      {"mnist", mnist_json},         {"looking", looking_json},     {"sigmoid", sigmoid_json},
      {"logistic", logistic_json},   {"metrics", metrics_json},     {"scaling", scaling_json},
      {"pca", pca_json},             {"poly", poly_json},           {"weights", weights_json},
      {"threshold", threshold_json}, {"test_size", test_size_json}, {"imbalance", imbalance_json},
      {"augment", augment_json},     {"confusions", confusions_json},   {"not_yet", not_yet_json}};
  for (const auto& [name, write] : parts) {
    j.key(name);
    write(j, s);
  }
  j.end_object();
}

}  // namespace digitlab::app
