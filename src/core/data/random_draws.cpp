#include "core/data/random_draws.hpp"

#include <cassert>
#include <cmath>

namespace digitlab {

double uniform01(std::mt19937& rng) { return static_cast<double>(rng()) / 4294967296.0; }

double standard_normal(std::mt19937& rng) {
  const double u1 = 1.0 - uniform01(rng);  // (0, 1]: log stays finite
  const double u2 = uniform01(rng);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

int uniform_int(std::mt19937& rng, int low, int high) {
  assert(low <= high && "uniform_int: low must not exceed high");
  const double span = static_cast<double>(high) - low + 1.0;
  const int value = low + static_cast<int>(std::floor(uniform01(rng) * span));
  return value > high ? high : value;
}

}  // namespace digitlab
