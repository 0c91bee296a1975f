// Two models' predictions on the same digits, side by side: what the Evaluate panel's
// compare view shows.
//
//   ModelComparison c = compare_models(labels, before, after, 10);
//   c.difference(3, 5)   // after's confusion count minus before's, true 3 predicted 5
//   c.fixed              // rows `after` gets right and `before` got wrong, in order
//   c.broken             // rows `before` got right and `after` gets wrong
#pragma once

#include <vector>

#include "core/common/types.hpp"
#include "core/metrics/metrics.hpp"

namespace digitlab {

struct ModelComparison {
  ConfusionMatrix before, after;
  // after - before: on the diagonal a rise is better (more digits right); off it a rise
  // is worse (more digits mistaken for that class).
  ConfusionMatrix difference;
  ClassReport before_report, after_report;
  std::vector<int> fixed, broken;
};

// labels, before and after: one entry per row, the same rows in the same order.
ModelComparison compare_models(const Labels& labels, const Labels& before, const Labels& after, int n_classes);

}  // namespace digitlab
