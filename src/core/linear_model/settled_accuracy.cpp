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
  assert(settings_.window >= 1 && settings_.tolerance > 0 && "a window of passes and a positive tolerance");
}

void SettledAccuracyRule::reset() {
  recent_.clear();
  passes_ = 0;
  settled_ = false;
}

bool SettledAccuracyRule::add(double accuracy) {
  ++passes_;
  recent_.push_back(accuracy);
  if (static_cast<int>(recent_.size()) > settings_.window + 1) recent_.pop_front();
  if (!settled_ && static_cast<int>(recent_.size()) == settings_.window + 1) {
    // Accuracies are counts over a slice: on 2,000 digits two digits are exactly 0.1
    // point, which must not count as under 0.1, whatever rounding says. A float accuracy
    // (the page's curve) is off by up to 1e-7, 0.01% of 0.1 point: the margin is 0.1%.
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
  char text[200];
  std::snprintf(text, sizeof text,
                "the validation accuracy changed under %.2g point over the last %d passes (%.2f%%)",
                settings_.tolerance * 100, settings_.window, recent_.empty() ? 0.0 : recent_.back() * 100);
  return text;
}

}  // namespace digitlab
