// Settings from a URL query (?panel=pca&components=30): every key checked, problems
// reported once in the notice and otherwise ignored. The other direction, the address
// written from what the page shows, is address.cpp.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <optional>
#include <set>
#include <sstream>

#include "app/chapters/chapter_precomputed.hpp"
#include "app/logic/key_values.hpp"
#include "app/chapters/chapters.hpp"
#include "app/panels/panels.hpp"
#include "app/work/work.hpp"

namespace digitlab::app {

namespace {

// The keys below that take a number: one with a value that is no number is reported as
// such, any other key as unknown.
const std::set<std::string> kNumberKeys = {
    "threshold", "scale", "seed", "digit", "components", "subset", "max_iter", "seeds", "keep", "rotation", "shift",
    "noise", "copies", "C", "source", "tp", "fn", "fp", "tn", "details", "spam_tp", "spam_fn", "spam_fp", "spam_tn",
    "race"};

// The Train form's keys in the address: train.subset=1000 is train({subset: 1000}).
const std::string kTrainPrefix = "train.";

}  // namespace

void apply_query(AppState& s, const std::string& raw) {
  ChapterState& c = s.chapters;
  c.query = !raw.empty() && raw[0] == '?' ? raw.substr(1) : raw;
  ParseProblems problems;  // the query's parser: app/logic/key_values.hpp
  int panel = -1;
  bool embed = true, run = false;
  constexpr int kUnset = -3;  // no guess= in the query
  int guess = kUnset;         // an answer's index, or "skip" (kSkipped), "none" (kNoGuess)
  std::vector<KeyValue> train_items;  // train.subset=1000...: the Train form (train_form.hpp)
  for (const KeyValue& item : split_query(c.query)) {
    const std::string &key = item.key, &value = item.value;
    const std::optional<double> parsed = parse_number(value);
    const bool number = parsed.has_value();
    const double x = parsed.value_or(0.0);
    // A whole number in [low, high]; one outside is replaced by the nearest end, and said.
    auto count = [&](int low, int high) {
      const long whole = std::lround(std::clamp(x, low - 1.0, high + 1.0));
      const int used = static_cast<int>(std::clamp<long>(whole, low, high));
      if (used != whole) problems.out_of_range(item, {static_cast<double>(low), static_cast<double>(high)}, used);
      return used;
    };
    if (key.empty()) continue;
    if (key == "panel") {
      panel = panel_from_key(value);
      if (panel < 0) problems.bad_value(item, "a panel's name");
    } else if (key == "embed") {
      embed = value != "0" && value != "false";
    } else if (key == "run") {
      run = value != "0" && value != "false";
    } else if (key == "lesson") {
      LessonState& l = c.lesson;
      if (value == "off" || value == "0") l.active = false;
      else if (value == "next") ++l.step;
      else if (value == "back") --l.step;
      else if (number) { l.active = true; l.step = count(1, static_cast<int>(lesson_steps().size())) - 1; }
      else l.active = true;
      l.step = std::clamp(l.step, 0, static_cast<int>(lesson_steps().size()) - 1);
    } else if (key == "guess") {
      guess = value == "skip" ? kSkipped : value == "none" ? kNoGuess : number ? count(0, 2) : kUnset;
      if (guess == kUnset) problems.bad_value(item, "0, 1, 2, skip or none");
    } else if (key == "colormap") {
      if (!parse_colormap(value, c.colormap)) problems.bad_value(item, "gray, binary, viridis, magma or diverging");
    } else if (key == "compare") {  // Evaluate's compare view (panels/evaluate_compare.cpp)
      if (value == "1" || value == "0") s.eval.compare_view = value == "1";
      else problems.bad_value(item, "0 or 1");
    } else if (key == "sw") {
      // The page's own (web/digitlab.js: sw=0 keeps the service worker out); nothing here.
    } else if (key == "data") {
      // The dataset (dataset_switch.hpp). At start-up the page itself loads the one named
      // (web/digitlab.js) once it knows which the site has; later (open()) the page switches.
      if (!find_class_names(value)) problems.bad_value(item, "mnist or fashion");
      else if (value != s.classes->key && std::count(s.datasets.begin(), s.datasets.end(), value)) s.dataset_request = value;
    } else if (key == "theme") {
      if (value == "light" || value == "dark") s.light_theme = value == "light";
      else problems.bad_value(item, "light or dark");
    } else if (key == "workers") {  // 0: training and the chapters' fits on the page's own thread
      // (tests, comparisons); 1-8: that many Web Workers share the rows (web/digitlab.js reads it)
      if (number) {
        s.train.worker_problem = count(0, 8) == 0 ? "workers=0 in the address" : "";
        s.chapters.remote.refuse(s.train.worker_problem);
      }
      else problems.bad_value(item, "a number from 0 to 8");
    } else if (number && key == "details") {
      s.train.details = count(0, 1) == 1;  // the Train panel's Details
    } else if (key.compare(0, kTrainPrefix.size(), kTrainPrefix) == 0) {
      train_items.push_back(item);  // the Train form's, read together below
    } else {
      // Values are checked here, once, so a chapter's own keys (chapter_registry.hpp) get
      // only numbers where they want numbers and only the names the choices have.
      bool valid = true;
      if (key == "solver") {
        Solver solver{};
        valid = read_name(item, solver, problems);
      } else if (key == "scaling") {
        Scaling scaling{};
        valid = read_name(item, scaling, problems);
      } else if (!number && kNumberKeys.count(key)) {
        problems.bad_value(item, "a number");
        valid = false;
      }
      if (!valid) continue;
      // A number out of a chapter's range is replaced by the nearest it takes; that is
      // said unless another chapter sharing the key (subset=, digit=) took it as it is.
      const Setting setting{key, value, number, x};
      int understood = 0, taken_as_is = 0;
      for (const ChapterDef& chapter : chapter_defs()) {
        if (!chapter.apply_setting) continue;
        const int replaced_before = setting.replacements;
        if (!chapter.apply_setting(s, setting)) continue;
        ++understood;
        if (setting.replacements == replaced_before) ++taken_as_is;
      }
      if (understood == 0) problems.unknown_key(item);
      else if (taken_as_is == 0) problems.out_of_range(item, setting.range, setting.used);
    }
  }
  if (panel >= 0) {
    c.embedded = embed;
    if (embed) s.panel = static_cast<Panel>(panel);
    else s.requested_panel = panel;
    c.lesson.active = c.lesson.active && !embed;
  }
  if (!train_items.empty()) {
    s.form = read_train_items(s.form, train_items, problems, kTrainPrefix);
    if (!matches_preset(s.form)) s.form.preset = -1;
  }
  // The panel the query's guess= and run= are for: the one it names, the lesson's step, or
  // the one shown.
  const Panel target = panel >= 0                  ? static_cast<Panel>(panel)
                       : c.lesson.active && !c.embedded ? lesson_steps()[static_cast<std::size_t>(c.lesson.step)]
                                                   : s.panel;
  if (guess != kUnset) {
    if (const ChapterDef* chapter = chapter_of(target); chapter && chapter->guess) *chapter->guess(s) = guess;
  }
  if (run) {
    if (const ChapterDef* chapter = chapter_of(target); chapter && chapter->start) c.start_requested.push_back(static_cast<int>(target));
  }
  if (!problems.empty()) set_notice(s, "not understood in the address: " + problems.text(), true);
  install_chapter_results(s);  // an empty experiment at its defaults shows its precomputed result
}

}  // namespace digitlab::app
