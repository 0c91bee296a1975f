#include <catch2/catch.hpp>

#include <cmath>

#include "core/data/random_draws.hpp"

using namespace digitlab;

TEST_CASE("uniform draws are MT19937's words over 2^32, as numpy's seed 42 starts", "[random]") {
  std::mt19937 rng(42);
  // MT19937 seeded with 42 first gives 1608637542 (numpy's RandomState(42) as well).
  CHECK(uniform01(rng) == Approx(1608637542.0 / 4294967296.0));
  std::mt19937 a(7), b(7);
  for (int i = 0; i < 5; ++i) CHECK(standard_normal(a) == standard_normal(b));
}

TEST_CASE("normal draws have mean 0 and standard deviation 1; integers stay in range", "[random]") {
  std::mt19937 rng(1);
  const int n = 200000;
  double sum = 0, squares = 0;
  for (int i = 0; i < n; ++i) {
    const double z = standard_normal(rng);
    sum += z;
    squares += z * z;
  }
  CHECK(std::abs(sum / n) < 0.01);
  CHECK(std::sqrt(squares / n) == Approx(1.0).margin(0.01));
  int seen[5] = {0, 0, 0, 0, 0}, outside = 0;
  for (int i = 0; i < 5000; ++i) {
    const int v = uniform_int(rng, -2, 2);
    if (v < -2 || v > 2) ++outside;
    else ++seen[v + 2];
  }
  CHECK(outside == 0);
  for (int count : seen) CHECK(count > 800);  // about 1000 each
}
