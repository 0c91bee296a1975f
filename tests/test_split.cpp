#include <catch2/catch.hpp>

#include <algorithm>

#include "core/data/numpy_random.hpp"
#include "core/data/split.hpp"

using namespace digitlab;

// Expected values printed by numpy 1.24 / scikit-learn 1.2.1 (Debian bookworm):
//   np.random.RandomState(42).permutation(10)
//   np.random.RandomState(0).permutation(70000)[:5]
//   train_test_split(np.arange(70000), test_size=0.2, random_state=42)
TEST_CASE("numpy's RandomState permutation, draw for draw", "[split]") {
  CHECK(NumpyRandomState(42).permutation(10) == std::vector<int>{8, 1, 5, 0, 7, 2, 9, 4, 3, 6});
  std::vector<int> p = NumpyRandomState(0).permutation(70000);
  CHECK(std::vector<int>(p.begin(), p.begin() + 5) == std::vector<int>{10840, 56267, 14849, 62726, 47180});
}

TEST_CASE("train_test_split matches scikit-learn's split of 70,000 with seed 42", "[split]") {
  SplitIndices s = train_test_split(70000, 0.2, 42);
  REQUIRE(s.train.size() == 56000);
  REQUIRE(s.test.size() == 14000);
  CHECK(std::vector<int>(s.test.begin(), s.test.begin() + 5) == std::vector<int>{46730, 48393, 41416, 34506, 43725});
  CHECK(std::vector<int>(s.train.begin(), s.train.begin() + 5) == std::vector<int>{47339, 67456, 12308, 32557, 664});
  // A partition: every index exactly once.
  std::vector<int> all = s.train;
  all.insert(all.end(), s.test.begin(), s.test.end());
  std::sort(all.begin(), all.end());
  for (int i = 0; i < 70000; ++i) REQUIRE(all[static_cast<std::size_t>(i)] == i);
}

TEST_CASE("stratified splits and subsets keep each class's share", "[split]") {
  Labels y;
  for (int i = 0; i < 1000; ++i) y.push_back(i < 900 ? 0 : 1);  // 90% / 10%
  SplitIndices s = stratified_train_test_split(y, 0.25, 3);
  CHECK(s.test.size() == 250);
  CHECK(std::count_if(s.test.begin(), s.test.end(), [&](int i) { return y[static_cast<std::size_t>(i)] == 1; }) == 25);
  std::vector<int> sub = stratified_subset(y, 100, 5);
  CHECK(sub.size() == 100);
  CHECK(std::count_if(sub.begin(), sub.end(), [&](int i) { return y[static_cast<std::size_t>(i)] == 1; }) == 10);
  CHECK(random_subset(50, 10, 1) == random_subset(50, 10, 1));
  CHECK(random_subset(50, 10, 1) != random_subset(50, 10, 2));
}

TEST_CASE("a stratified subset has exactly the size asked for", "[split]") {
  Labels y;
  for (int i = 0; i < 997; ++i) y.push_back((i * 7) % 10 < 3 ? (i % 3) : 3 + i % 7);
  for (int count : {1, 10, 333, 500, 996}) {
    INFO("count " << count);
    CHECK(stratified_subset(y, count, 42).size() == static_cast<std::size_t>(count));
  }
}
