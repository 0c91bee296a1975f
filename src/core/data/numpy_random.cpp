#include "core/data/numpy_random.hpp"

#include <numeric>
#include <utility>

namespace digitlab {

// numpy's mt19937_seed for an integer seed: Matsumoto and Nishimura's init_genrand
// (mt19937ar.c, 2002). (Python's own random.seed uses init_by_array instead.)
NumpyRandomState::NumpyRandomState(std::uint32_t seed) {
  state_[0] = seed;
  for (int i = 1; i < 624; ++i)
    state_[i] = 1812433253u * (state_[i - 1] ^ (state_[i - 1] >> 30)) + static_cast<std::uint32_t>(i);
  position_ = 624;
}

void NumpyRandomState::reload() {
  constexpr std::uint32_t kUpper = 0x80000000u, kLower = 0x7fffffffu, kMatrix = 0x9908b0dfu;
  for (int k = 0; k < 624; ++k) {
    std::uint32_t y = (state_[k] & kUpper) | (state_[(k + 1) % 624] & kLower);
    state_[k] = state_[(k + 397) % 624] ^ (y >> 1) ^ ((y & 1u) ? kMatrix : 0u);
  }
  position_ = 0;
}

std::uint32_t NumpyRandomState::next_uint32() {
  if (position_ >= 624) reload();
  std::uint32_t y = state_[position_++];
  y ^= y >> 11;
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= y >> 18;
  return y;
}

std::uint32_t NumpyRandomState::interval(std::uint32_t max) {
  if (max == 0) return 0;
  std::uint32_t mask = max;
  mask |= mask >> 1;
  mask |= mask >> 2;
  mask |= mask >> 4;
  mask |= mask >> 8;
  mask |= mask >> 16;
  std::uint32_t value;
  while ((value = next_uint32() & mask) > max) {
  }
  return value;
}

std::vector<int> NumpyRandomState::permutation(int n) {
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  for (int i = n - 1; i >= 1; --i) {
    int j = static_cast<int>(interval(static_cast<std::uint32_t>(i)));
    std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(j)]);
  }
  return order;
}

}  // namespace digitlab
