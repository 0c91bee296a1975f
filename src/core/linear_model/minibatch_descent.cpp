#include "core/linear_model/minibatch_descent.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace digitlab {

MiniBatchDescent::MiniBatchDescent(LogisticObjective& objective, Eigen::VectorXd theta0,
                                   MiniBatchSettings settings)
    : objective_(objective),
      settings_(settings),
      theta_(std::move(theta0)),
      velocity_(Eigen::VectorXd::Zero(theta_.size())),
      last_good_(theta_),
      rng_(settings.seed),
      order_(static_cast<std::size_t>(objective.sample_count())) {
  std::iota(order_.begin(), order_.end(), 0);
  shuffle();
  if (settings_.max_epochs <= 0) {
    status_ = DescentStatus::MaxEpochs;
    message_ = "max_iter is 0: nothing to do";
  }
}

void MiniBatchDescent::shuffle() {
  std::shuffle(order_.begin(), order_.end(), rng_);
  position_ = 0;
}

double MiniBatchDescent::epoch_fraction() const {
  return order_.empty() ? 0.0 : static_cast<double>(position_) / static_cast<double>(order_.size());
}

void MiniBatchDescent::step_batch() {
  if (status_ != DescentStatus::Running) return;
  const std::size_t end = std::min(order_.size(), position_ + static_cast<std::size_t>(settings_.batch_size));
  batch_.assign(order_.begin() + static_cast<std::ptrdiff_t>(position_),
                order_.begin() + static_cast<std::ptrdiff_t>(end));
  const double b = static_cast<double>(batch_.size());
  const double n = static_cast<double>(order_.size());
  const double batch_loss = objective_.batch_loss(theta_, batch_, gradient_);
  // Mean-objective gradient estimate: batch mean plus the penalty spread over n samples.
  gradient_ /= b;
  Eigen::VectorXd penalty_grad = Eigen::VectorXd::Zero(theta_.size());
  objective_.add_penalty(theta_, penalty_grad);
  gradient_ += penalty_grad / n;
  velocity_ = settings_.momentum * velocity_ - settings_.learning_rate * gradient_;
  theta_ += velocity_;
  epoch_loss_ += batch_loss;
  ++batches_;
  position_ = end;

  if (!std::isfinite(batch_loss) || !theta_.allFinite()) {
    status_ = DescentStatus::Diverged;
    message_ = "diverged in epoch " + std::to_string(epoch_ + 1) +
               " (the loss became NaN or Inf): kept the model from epoch " +
               std::to_string(epoch_) + "; lower the learning rate";
    theta_ = last_good_;
    return;
  }
  if (position_ < order_.size()) return;

  // End of an epoch: the summed loss seen over its batches, plus the penalty.
  Eigen::VectorXd unused = Eigen::VectorXd::Zero(theta_.size());
  const double loss = epoch_loss_ + objective_.add_penalty(theta_, unused);
  const double previous = last_loss_;
  ++epoch_;
  last_loss_ = loss;
  last_good_ = theta_;
  epoch_loss_ = 0.0;
  shuffle();
  if (epoch_ > 1 && std::abs(previous - loss) <= settings_.tol * std::max(1.0, std::abs(loss))) {
    status_ = DescentStatus::Converged;
    message_ = "converged";
  } else if (epoch_ >= settings_.max_epochs) {
    status_ = DescentStatus::MaxEpochs;
    message_ = "stopped at max_iter=" + std::to_string(settings_.max_epochs) +
               " epochs without converging";
  }
}

}  // namespace digitlab
