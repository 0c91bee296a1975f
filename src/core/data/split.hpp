// Train/test splits and subsets, seeded and repeatable.
//
//   SplitIndices s = train_test_split(70000, 0.2, 42);   // the tutorial's split
//
// The unstratified split is scikit-learn's train_test_split(test_size, random_state)
// index for index (see numpy_random.hpp). The stratified one keeps each class's
// share in both parts; it is our own and does not match scikit-learn's draw.
#pragma once

#include <cstdint>
#include <vector>

#include "core/common/types.hpp"

namespace digitlab {

struct SplitIndices {
  std::vector<int> train;
  std::vector<int> test;
};

// n_test = ceil(test_fraction * n), like scikit-learn.
SplitIndices train_test_split(int n, double test_fraction, std::uint32_t seed);

SplitIndices stratified_train_test_split(const Labels& labels, double test_fraction,
                                         std::uint32_t seed);

// `count` indices of 0..n-1 drawn without replacement, in drawn order.
std::vector<int> random_subset(int n, int count, std::uint32_t seed);

// `count` indices with each class's share of `labels` kept (up to rounding).
std::vector<int> stratified_subset(const Labels& labels, int count, std::uint32_t seed);

}  // namespace digitlab
