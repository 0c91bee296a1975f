// Settings from a URL query (?panel=pca&components=30): every key checked, problems
// reported once in the notice and otherwise ignored.
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
    "noise", "copies", "C", "source", "tp", "fn", "fp", "tn", "details", "spam_tp", "spam_fn", "spam_fp", "spam_tn"};

}  // namespace

void apply_query(AppState& s, const std::string& raw) {
  ChapterState& c = s.chapters;
  c.query = !raw.empty() && raw[0] == '?' ? raw.substr(1) : raw;
  ParseProblems problems;  // the query's parser: app/logic/key_values.hpp
  int panel = -1;
  bool embed = true, run = false;
  constexpr int kUnset = -3;  // no guess= in the query
  int guess = kUnset;         // an answer's index, or "skip" (kSkipped), "none" (kNoGuess)
  for (const KeyValue& item : split_query(c.query)) {
    const std::string &key = item.key, &value = item.value;
    const std::optional<double> parsed = parse_number(value);
    const bool number = parsed.has_value();
    const double x = parsed.value_or(0.0);
    auto count = [&](int low, int high) { return std::clamp(static_cast<int>(std::lround(x)), low, high); };
    auto unit = [&](float low, float high) { return std::clamp(static_cast<float>(x), low, high); };
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
    } else if (!number) {
      if (key == "solver") {
        Solver solver{};
        if (read_name(item, solver, problems)) c.logistic.solver = static_cast<int>(solver);
      } else if (key == "scaling") {
        Scaling scaling{};
        if (read_name(item, scaling, problems)) c.logistic.scaling = static_cast<int>(scaling);
      } else if (key == "sizes") {
        std::vector<double> sizes;
        std::stringstream list(value);
        for (std::string part; std::getline(list, part, ',');)
          if (const std::optional<double> size = parse_number(part); size && *size > 0 && *size < 1) sizes.push_back(*size);
        if (!sizes.empty()) c.test_size.sizes = sizes;
        else problems.bad_value(item, "test sizes between 0 and 1, such as 0.2,0.5");
      } else if (kNumberKeys.count(key)) problems.bad_value(item, "a number");
      else problems.unknown_key(item);
    } else if (key == "threshold") {
      c.sigmoid.threshold = c.threshold.threshold = unit(0.01f, 0.99f);
    } else if (key == "scale") {
      c.sigmoid.weight_scale = unit(0.05f, 5.0f);
      c.sigmoid.dirty = true;
    } else if (key == "seed") {
      c.sigmoid.seed = count(0, 1 << 30);
      c.sigmoid.dirty = true;
    } else if (key == "digit") {
      c.metrics.digit = c.threshold.digit = c.imbalance.digit = count(0, 9);
      c.mnist.histogram_digit = count(-1, 9);
    } else if (key == "components") {
      c.pca.components = count(1, PcaChapter::kMaxComponents);
      c.poly.components = count(2, 60);
    } else if (key == "subset") {
      c.logistic.subset = c.scaling.subset = c.poly.subset = c.imbalance.subset = c.augment.subset = count(100, 60000);
      c.weights.subset = c.test_size.pool = count(100, 60000);
    } else if (key == "max_iter") {
      c.logistic.max_iter = c.scaling.max_iter = c.poly.max_iter = c.weights.max_iter = c.test_size.max_iter =
          c.imbalance.max_iter = c.augment.max_iter = count(1, 5000);
    } else if (key == "seeds") {
      c.test_size.seeds = count(1, 10);
    } else if (key == "keep") {
      c.imbalance.keep = unit(0.0f, 1.0f);
    } else if (key == "rotation") {
      c.augment.settings.max_rotation_degrees = unit(0, 90);
    } else if (key == "shift") {
      c.augment.settings.max_shift = count(0, 8);
    } else if (key == "noise") {
      c.augment.settings.noise_sigma = unit(0, 255);
    } else if (key == "copies") {
      c.augment.settings.copies = count(1, 8);
    } else if (key == "C") {
      c.weights.C = unit(1e-4f, 1e4f);
    } else if (key == "source") {
      c.weights.source = count(0, 1);
    } else if (key == "tp") c.metrics.tp = count(0, 1000000);
    else if (key == "fn") c.metrics.fn = count(0, 1000000);
    else if (key == "fp") c.metrics.fp = count(0, 1000000);
    else if (key == "tn") c.metrics.tn = count(0, 1000000);
    else if (key == "details") s.train.details = count(0, 1) == 1;  // the Train panel's Details
    else if (key == "spam_tp") c.metrics.spam_tp = count(0, 1000000);
    else if (key == "spam_fn") c.metrics.spam_fn = count(0, 1000000);
    else if (key == "spam_fp") c.metrics.spam_fp = count(0, 1000000);
    else if (key == "spam_tn") c.metrics.spam_tn = count(0, 1000000);
    else problems.unknown_key(item);
  }
  if (panel >= 0) {
    c.embedded = embed;
    if (embed) s.panel = static_cast<Panel>(panel);
    else s.requested_panel = panel;
    c.lesson.active = c.lesson.active && !embed;
  }
  if (guess != kUnset) {  // the question shown, or the one named by panel=
    const Panel target = panel >= 0 ? static_cast<Panel>(panel) : s.panel;
    for (auto [question, slot] : {std::pair<Panel, int*>{Panel::Threshold, &c.threshold.guess}, {Panel::TestSize, &c.test_size.guess},
                                  {Panel::Imbalance, &c.imbalance.guess}, {Panel::Augment, &c.augment.guess},
                                  {Panel::Confusions, &c.confusions.guess}})
      if (question == target) *slot = guess;
  }
  if (run) {
    const Panel target = panel >= 0 ? static_cast<Panel>(panel) : s.panel;
    c.logistic.autorun |= target == Panel::Logistic;
    c.scaling.autorun |= target == Panel::Scaling;
    c.poly.autorun |= target == Panel::Poly;
    c.test_size.autorun |= target == Panel::TestSize;
    c.imbalance.autorun |= target == Panel::Imbalance;
    c.augment.autorun |= target == Panel::Augment;
    c.weights.autorun |= target == Panel::Weights;
  }
  if (!problems.empty()) set_notice(s, "not understood in the address: " + problems.text(), true);
  install_chapter_results(s);  // an empty experiment at its defaults shows its precomputed result
}

}  // namespace digitlab::app
