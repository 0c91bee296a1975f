#include "core/data/imbalance.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "core/data/split.hpp"

namespace digitlab {

std::vector<int> thin_class(const Labels& labels, int cls, double keep_fraction, std::uint32_t seed) {
  assert(keep_fraction >= 0.0 && keep_fraction <= 1.0 && "thin_class: keep_fraction must be 0..1");
  std::vector<int> of_class;
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (labels[i] == cls) of_class.push_back(static_cast<int>(i));
  const int n = static_cast<int>(of_class.size());
  const int keep = keep_fraction <= 0.0 || n == 0 ? 0 : std::clamp(static_cast<int>(std::lround(keep_fraction * n)), 1, n);
  std::vector<bool> kept(labels.size(), true);
  for (int i : of_class) kept[static_cast<std::size_t>(i)] = false;
  for (int pick : random_subset(n, keep, seed)) kept[static_cast<std::size_t>(of_class[static_cast<std::size_t>(pick)])] = true;
  std::vector<int> out;
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (kept[i]) out.push_back(static_cast<int>(i));
  return out;
}

}  // namespace digitlab
