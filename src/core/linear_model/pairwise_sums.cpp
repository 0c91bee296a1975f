#include "core/linear_model/pairwise_sums.hpp"

#include <cassert>

namespace digitlab {

std::vector<Eigen::Index> summation_group_ends(Eigen::Index rows, Eigen::Index granule) {
  std::vector<Eigen::Index> ends;
  for (Eigen::Index g = 1; g < kSummationGroups; ++g) ends.push_back(rows * g / kSummationGroups / granule * granule);
  ends.push_back(rows);
  return ends;
}

void PairwiseSums::clear(Eigen::Index size) {
  size_ = size;
  stack_.clear();
}

void PairwiseSums::push(double loss, Eigen::VectorXd grad, int groups) {
  assert(grad.size() == size_ && groups > 0 && "PairwiseSums::push");
  stack_.push_back({loss, std::move(grad), groups});
  while (stack_.size() >= 2 && stack_[stack_.size() - 2].groups == stack_.back().groups) add_top_two();
}

void PairwiseSums::add_top_two() {
  Sum& left = stack_[stack_.size() - 2];
  left.loss += stack_.back().loss;
  left.grad += stack_.back().grad;
  left.groups += stack_.back().groups;
  stack_.pop_back();
}

double PairwiseSums::total(Eigen::VectorXd& grad) {
  if (stack_.empty()) {
    grad.setZero(size_);
    return 0.0;
  }
  while (stack_.size() >= 2) add_top_two();
  grad = std::move(stack_.back().grad);
  const double loss = stack_.back().loss;
  stack_.clear();
  return loss;
}

}  // namespace digitlab
