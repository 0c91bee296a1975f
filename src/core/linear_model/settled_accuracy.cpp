#include "core/linear_model/settled_accuracy.hpp"

#include <algorithm>
#include <cassert>
#include <cstdio>

namespace digitlab {

const char* to_string(StopRule rule) {
  switch (rule) {
    case StopRule::Sklearn: return "sklearn";
    case StopRule::Settled: return "settled";
  }
  return "";
}

bool parse_stop_rule(const std::string& name, StopRule& rule) {
  for (StopRule r : {StopRule::Sklearn, StopRule::Settled})
    if (name == to_string(r)) {
      rule = r;
      return true;
    }
  return false;
}

SettledAccuracyRule::SettledAccuracyRule(SettledAccuracySettings settings) : settings_(settings) {
  assert(settings_.window >= 1 && settings_.tolerance > 0 && settings_.average >= 1 &&
         "a window of passes, a positive tolerance and at least one value averaged");
}

void SettledAccuracyRule::reset() {
  last_values_.clear();
  recent_.clear();
  passes_ = 0;
  settled_ = false;
}

bool SettledAccuracyRule::add(double accuracy) {
  ++passes_;
  last_values_.push_back(accuracy);
  if (static_cast<int>(last_values_.size()) > settings_.average) last_values_.pop_front();
  if (static_cast<int>(last_values_.size()) < settings_.average) return settled_;
  double sum = 0;
  for (double v : last_values_) sum += v;
  recent_.push_back(settings_.average == 1 ? accuracy : sum / settings_.average);
  if (static_cast<int>(recent_.size()) > settings_.window + 1) recent_.pop_front();
  if (!settled_ && static_cast<int>(recent_.size()) == settings_.window + 1) {
    // Accuracies are counts over a slice: on 2,000 digits two digits are exactly 0.1
    // point, which must not count as under 0.1, whatever rounding says (nor 20 digits in
    // 10-pass averages). A float accuracy (the page's curve) is off by up to 1e-7, 0.01%
    // of 0.1 point: the margin is 0.1%.
    settled_ = under_tolerance(change(), settings_.tolerance);
  }
  return settled_;
}

double SettledAccuracyRule::change() const {
  if (recent_.empty()) return 0.0;
  const auto [low, high] = std::minmax_element(recent_.begin(), recent_.end());
  return *high - *low;
}

std::string SettledAccuracyRule::reason() const {
  char what[64] = "the validation accuracy";
  if (settings_.average > 1)
    std::snprintf(what, sizeof what, "the validation accuracy's %d-pass average", settings_.average);
  char text[240];
  std::snprintf(text, sizeof text, "%s changed under %.2g point over the last %d passes (%.2f%%)", what,
                settings_.tolerance * 100, settings_.window, latest_average() * 100);
  return text;
}

}  // namespace digitlab
