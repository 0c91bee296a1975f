// Making a class rare on purpose, for the tutorial's question on class imbalance:
// keep every sample of the other classes and a share of one class.
//
//   std::vector<int> rows = thin_class(train.labels, 5, 0.05, 1);   // 5% of the fives
//   Dataset skewed = take(train, rows);
#pragma once

#include <cstdint>
#include <vector>

#include "core/common/types.hpp"

namespace digitlab {

// Indices of `labels` in order, with only round(keep_fraction * count) of class `cls`
// (at least 1 when keep_fraction > 0 and the class is present), chosen at random by `seed`.
std::vector<int> thin_class(const Labels& labels, int cls, double keep_fraction, std::uint32_t seed);

}  // namespace digitlab
