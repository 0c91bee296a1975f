#include "core/data/split.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "core/data/numpy_random.hpp"

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
  // Each class's share of `count`, rounded by largest remainder so the total is exact.
  const int k = count_classes(labels);
  std::vector<int> total(static_cast<std::size_t>(k), 0), quota(static_cast<std::size_t>(k), 0);
  for (int label : labels) ++total[static_cast<std::size_t>(label)];
  std::vector<std::pair<double, int>> remainders;
  int given = 0;
  for (int c = 0; c < k; ++c) {
    const double exact = static_cast<double>(count) * total[static_cast<std::size_t>(c)] / n;
    quota[static_cast<std::size_t>(c)] = static_cast<int>(exact);
    given += quota[static_cast<std::size_t>(c)];
    remainders.push_back({exact - quota[static_cast<std::size_t>(c)], c});
  }
  std::stable_sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (int i = 0; given < count; ++i, ++given) ++quota[static_cast<std::size_t>(remainders[static_cast<std::size_t>(i)].second)];
  std::vector<int> picked;
  for (int index : NumpyRandomState(seed).permutation(n)) {
    int& left = quota[static_cast<std::size_t>(labels[static_cast<std::size_t>(index)])];
    if (left > 0) {
      --left;
      picked.push_back(index);
    }
  }
  return picked;
}

}  // namespace digitlab
