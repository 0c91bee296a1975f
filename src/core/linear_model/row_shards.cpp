#include "core/linear_model/row_shards.hpp"

#include <algorithm>

#include "core/linear_model/logistic_objective.hpp"

namespace digitlab {

RowShards::RowShards(std::vector<Eigen::Index> group_ends, int count) : group_ends_(std::move(group_ends)) {
  const int groups = static_cast<int>(group_ends_.size());
  const int n = std::clamp(count, 1, std::max(1, groups));
  for (int s = 0; s <= n; ++s) first_groups_.push_back(groups * s / n);
  losses_.assign(static_cast<std::size_t>(n), 0.0);
  grads_.assign(static_cast<std::size_t>(n), Eigen::VectorXd());
  received_.assign(static_cast<std::size_t>(n), false);
}

std::vector<Eigen::Index> RowShards::group_ends(int shard) const {
  std::vector<Eigen::Index> ends;
  for (int g = first_group(shard); g < first_group(shard + 1); ++g)
    ends.push_back(group_ends_[static_cast<std::size_t>(g)] - begin(shard));
  return ends;
}

void RowShards::begin_pass(const Eigen::VectorXd& theta) {
  ++pass_;
  point_ = theta;
  std::fill(received_.begin(), received_.end(), false);
}

bool RowShards::add(int pass, int shard, double loss, const Eigen::VectorXd& grad) {
  if (pass != pass_ || shard < 1 || shard >= count() || grad.size() != point_.size()) return false;
  const auto s = static_cast<std::size_t>(shard);
  losses_[s] = loss;
  grads_[s] = grad;
  received_[s] = true;
  return true;
}

bool RowShards::complete() const {
  return std::all_of(received_.begin() + 1, received_.end(), [](bool r) { return r; });
}

void RowShards::add_parts_to(LogisticObjective& objective) const {
  for (int s = 1; s < count(); ++s)
    objective.add_part(losses_[static_cast<std::size_t>(s)], grads_[static_cast<std::size_t>(s)], groups(s));
}

}  // namespace digitlab
