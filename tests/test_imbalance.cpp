#include <catch2/catch.hpp>

#include <algorithm>

#include "core/data/imbalance.hpp"

using namespace digitlab;

TEST_CASE("thinning one class keeps the others whole and in order", "[imbalance]") {
  const Labels y = {5, 1, 5, 5, 2, 5};
  const std::vector<int> rows = thin_class(y, 5, 0.5, 1);  // 2 of the four fives
  REQUIRE(rows.size() == 4);
  CHECK(std::is_sorted(rows.begin(), rows.end()));
  CHECK(std::count(rows.begin(), rows.end(), 1) == 1);
  CHECK(std::count(rows.begin(), rows.end(), 4) == 1);
  CHECK(std::count_if(rows.begin(), rows.end(), [&](int r) { return y[static_cast<std::size_t>(r)] == 5; }) == 2);
  CHECK(thin_class(y, 5, 0.01, 1).size() == 3);  // at least one five stays
  CHECK(thin_class(y, 5, 0.0, 1) == std::vector<int>{1, 4});
  CHECK(thin_class(y, 5, 1.0, 1).size() == 6);
  CHECK(thin_class(y, 9, 0.5, 1).size() == 6);  // absent class: nothing to drop
}
