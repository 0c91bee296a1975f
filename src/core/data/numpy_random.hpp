// numpy's legacy RandomState (MT19937 seeded by init_genrand), enough of it to
// reproduce `RandomState(seed).permutation(n)`. scikit-learn's
// train_test_split(test_size, random_state=seed) draws exactly that permutation, so
// a split here holds the very digits the tutorial's split holds.
//
//   NumpyRandomState rng(42);
//   std::vector<int> order = rng.permutation(70000);
#pragma once

#include <cstdint>
#include <vector>

namespace digitlab {

class NumpyRandomState {
 public:
  explicit NumpyRandomState(std::uint32_t seed);

  std::uint32_t next_uint32();
  // Uniform integer in [0, max], by numpy's masked rejection (rk_interval).
  std::uint32_t interval(std::uint32_t max);
  // numpy.random.RandomState.permutation(n): Fisher-Yates from the last element.
  std::vector<int> permutation(int n);

 private:
  void reload();
  std::uint32_t state_[624];
  int position_ = 624;
};

}  // namespace digitlab
