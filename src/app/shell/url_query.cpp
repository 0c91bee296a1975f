// Settings from a URL query (?panel=pca&components=30): every key checked, problems
// reported once in the notice and otherwise ignored.
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

std::string url_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::strtol(text.substr(i + 1, 2).c_str(), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool to_number(const std::string& text, double& out) {
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return !text.empty() && end && *end == '\0' && std::isfinite(out);
}

}  // namespace

void apply_query(AppState& s, const std::string& raw) {
  ChapterState& c = s.chapters;
  std::string query = raw;
  if (!query.empty() && query[0] == '?') query.erase(0, 1);
  c.query = query;
  std::string bad;
  int panel = -1;
  bool embed = true, run = false;
  constexpr int kUnset = -3;  // no guess= in the query
  int guess = kUnset;         // an answer's index, or "skip" (kSkipped), "none" (kNoGuess)
  std::stringstream items(query);
  for (std::string item; std::getline(items, item, '&');) {
    const auto eq = item.find('=');
    const std::string key = url_decode(item.substr(0, eq)), value = eq == std::string::npos ? "" : url_decode(item.substr(eq + 1));
    double x = 0;
    const bool number = to_number(value, x);
    auto count = [&](int low, int high) { return std::clamp(static_cast<int>(std::lround(x)), low, high); };
    auto unit = [&](float low, float high) { return std::clamp(static_cast<float>(x), low, high); };
    if (key.empty()) continue;
    if (key == "panel") {
      panel = panel_from_key(value);
      if (panel < 0) bad += " panel=" + value;
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
      if (guess == kUnset) bad += " guess=" + value;
    } else if (key == "colormap") {
      if (!parse_colormap(value, c.colormap)) bad += " colormap=" + value;
    } else if (key == "theme") {
      if (value == "light" || value == "dark") s.light_theme = value == "light";
      else bad += " theme=" + value;
    } else if (!number) {
      if (key == "solver") c.logistic.solver = value == "minibatch" ? 1 : 0;
      else if (key == "scaling") c.logistic.scaling = value == "none" ? 0 : value == "standard" ? 1 : 2;
      else if (key == "sizes") {
        std::vector<double> sizes;
        std::stringstream list(value);
        for (std::string part; std::getline(list, part, ',');)
          if (to_number(part, x) && x > 0 && x < 1) sizes.push_back(x);
        if (!sizes.empty()) c.test_size.sizes = sizes; else bad += " sizes=" + value;
      } else bad += " " + key + "=" + value;
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
  if (!bad.empty()) set_notice(s, "not understood in the address:" + bad, true);
  install_chapter_results(s);  // an empty experiment at its defaults shows its precomputed result
}

}  // namespace digitlab::app
