#include "core/linear_model/row_shards.hpp"

#include <algorithm>

#include "core/linear_model/logistic_objective.hpp"

namespace digitlab {

RowShards::RowShards(Eigen::Index rows, int count, Eigen::Index first_lighter_by) : rows_(rows) {
  const int n = std::max(1, count);
  // Shard 0 and `extra` rows' worth of its other work make one share; at most half a share.
  const Eigen::Index extra = n > 1 ? std::clamp<Eigen::Index>(first_lighter_by, 0, rows / (2 * n)) : 0;
  for (int s = 0; s < n; ++s) begins_.push_back(s == 0 ? 0 : (rows + extra) * s / n - extra);
  losses_.assign(begins_.size(), 0.0);
  grads_.assign(begins_.size(), Eigen::VectorXd());
  received_.assign(begins_.size(), false);
}

Eigen::Index RowShards::end(int shard) const {
  return shard + 1 < count() ? begins_[static_cast<std::size_t>(shard) + 1] : rows_;
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
    objective.add_part(losses_[static_cast<std::size_t>(s)], grads_[static_cast<std::size_t>(s)]);
}

}  // namespace digitlab
