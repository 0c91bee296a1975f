#include "split.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "numpy_random.hpp"

namespace digitlab {

SplitIndices train_test_split(int n, double test_fraction, std::uint32_t seed) {
  assert(test_fraction > 0.0 && test_fraction < 1.0 && "test_fraction must be in (0, 1)");
  const int n_test = static_cast<int>(std::ceil(test_fraction * n));
  std::vector<int> order = NumpyRandomState(seed).permutation(n);
  SplitIndices split;
  split.test.assign(order.begin(), order.begin() + n_test);
  split.train.assign(order.begin() + n_test, order.end());
  return split;
}

SplitIndices stratified_train_test_split(const Labels& labels, double test_fraction,
                                         std::uint32_t seed) {
  assert(test_fraction > 0.0 && test_fraction < 1.0 && "test_fraction must be in (0, 1)");
  const int n = static_cast<int>(labels.size());
  const int k = count_classes(labels);
  std::vector<int> order = NumpyRandomState(seed).permutation(n);
  std::vector<int> seen(static_cast<std::size_t>(k), 0), total(static_cast<std::size_t>(k), 0);
  for (int label : labels) ++total[static_cast<std::size_t>(label)];
  SplitIndices split;
  // Walking a random order, the first ceil(f * count_c) items of class c go to test.
  for (int index : order) {
    const auto c = static_cast<std::size_t>(labels[static_cast<std::size_t>(index)]);
    const int quota = static_cast<int>(std::ceil(test_fraction * total[c]));
    (seen[c]++ < quota ? split.test : split.train).push_back(index);
  }
  return split;
}

std::vector<int> random_subset(int n, int count, std::uint32_t seed) {
  count = std::clamp(count, 0, n);
  std::vector<int> order = NumpyRandomState(seed).permutation(n);
  order.resize(static_cast<std::size_t>(count));
  return order;
}

std::vector<int> stratified_subset(const Labels& labels, int count, std::uint32_t seed) {
  const int n = static_cast<int>(labels.size());
  if (count >= n) return random_subset(n, n, seed);
  return stratified_train_test_split(labels, static_cast<double>(n - count) / n, seed).train;
}

}  // namespace digitlab
