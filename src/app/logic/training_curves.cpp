#include "app/logic/training_curves.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "core/linear_model/settled_accuracy.hpp"

namespace digitlab::app {

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

}  // namespace

LossAxis loss_axis(const std::vector<float>& losses) {
  LossAxis a;
  float low = std::numeric_limits<float>::infinity(), high = -low;
  for (float v : losses) {
    const float l = std::isfinite(v) && v > 0 ? std::log10(v) : kNaN;
    a.log10_values.push_back(l);
    if (std::isfinite(l)) low = std::min(low, l), high = std::max(high, l);
  }
  if (low > high) return a;  // nothing to draw yet: 0.1 to 10
  a.y0 = std::floor(low);
  a.y1 = std::max(std::ceil(high), a.y0 + 1);
  return a;
}

AccuracyAxis accuracy_axis(const std::vector<float>& percents) {
  AccuracyAxis a;
  a.shown = percents;
  float best = -1, lowest = 100;
  for (float v : percents)
    if (std::isfinite(v)) best = std::max(best, v), lowest = std::min(lowest, v);
  if (best < 0) return a;
  const float floor_zoomed = std::floor((best - 2) * 2) / 2;  // 2 points under, to a half point
  int near = 0;
  for (float v : percents) near += std::isfinite(v) && v >= floor_zoomed;
  if (percents.size() >= 20 && near >= 0.6 * static_cast<double>(percents.size())) {
    a.zoomed = true;
    a.y0 = std::max(0.0f, floor_zoomed);
    a.y1 = std::min(100.0f, std::ceil((best + 0.25f) * 2) / 2);
    // The climb into view is cut where it enters: later dips under y0 (few) stay, on the edge.
    for (std::size_t i = 0; i < a.shown.size() && !(std::isfinite(a.shown[i]) && a.shown[i] >= a.y0); ++i) {
      a.shown[i] = kNaN;
      ++a.passes_below;
    }
    return a;
  }
  a.y0 = std::clamp(std::floor(lowest / 10) * 10, 0.0f, 90.0f);  // whole tens; 100% throughout: from 90
  return a;
}

RuleWindow rule_window(const std::vector<float>& percents, int first, int last, int first_pass) {
  RuleWindow w;
  if (first < 0 || last < first || last >= static_cast<int>(percents.size())) return w;
  const auto [low, high] = std::minmax_element(percents.begin() + first, percents.begin() + last + 1);
  w.shown = true;
  w.first_pass = first_pass + first;
  w.last_pass = first_pass + last;
  w.low = *low;
  w.high = *high;
  return w;
}

std::string rule_window_text(const RuleWindow& w, int window, double tolerance_points, RunEnd end,
                             bool one_vs_rest, int average) {
  // What the rule compares: the accuracy itself, or its average over the last passes (the
  // green line the Train panel draws over the curve).
  char what[96] = "the validation accuracy";
  if (average > 1)
    std::snprintf(what, sizeof what, "the validation accuracy's %d-pass average (the thick green line)", average);
  char text[480];
  if (!w.shown) {
    if (end != RunEnd::Running) {
      std::snprintf(text, sizeof text,
                    "Settled-accuracy rule: the run ended before %d passes had moved the model%s, the least the "
                    "rule compares (the outcome line above says what ended it).", window + average,
                    one_vs_rest ? " in the last one-vs-rest problem" : "");
      return text;
    }
    std::snprintf(text, sizeof text,
                  "Settled-accuracy rule: after %d passes that moved the model%s, it starts comparing %s "
                  "over the last %d of them (shaded from then on) and stops the run once it changed by less than "
                  "%.2g point.", window + average,
                  one_vs_rest ? " in the last one-vs-rest problem (the ones before it are trained whole)" : "",
                  what, window, tolerance_points);
    return text;
  }
  // The ends with as many decimals as make their difference read as the change printed:
  // 96.575 to 96.665 (0.09) at two decimals read 96.57 to 96.67, a change of 0.10.
  char change[32], range[96];
  std::snprintf(change, sizeof change, "%.2f", w.change_points());
  if (w.high == w.low) std::snprintf(range, sizeof range, "%.2f%% throughout", w.low);
  for (int decimals = 2; decimals <= 4 && w.high != w.low; ++decimals) {
    char low[32], high[32], difference[32];
    std::snprintf(low, sizeof low, "%.*f", decimals, w.low);
    std::snprintf(high, sizeof high, "%.*f", decimals, w.high);
    std::snprintf(difference, sizeof difference, "%.2f", std::strtod(high, nullptr) - std::strtod(low, nullptr));
    std::snprintf(range, sizeof range, "%s%% to %s%%", low, high);
    if (std::strcmp(difference, change) == 0) break;
  }
  const bool under = SettledAccuracyRule::under_tolerance(w.change_points(), tolerance_points);
  const char* verdict = end == RunEnd::Running ? "; it stops the run once that is under "
                        : under                ? ", under "
                                               : ", not under ";
  std::snprintf(text, sizeof text,
                "Settled-accuracy rule: over the last %d passes that moved the model (shaded: from the "
                "%s after pass %d to after pass %d), %s changed by %s point (%s)%s%.2g point.",
                window, average > 1 ? "average" : "accuracy", w.first_pass, w.last_pass, what, change,
                range, verdict, tolerance_points);
  std::string s = text;
  if (end == RunEnd::Settled) s += " That stopped the run.";
  if (end == RunEnd::Other) s += " Another rule ended the run (the outcome line above says which).";
  return s;
}

}  // namespace digitlab::app
