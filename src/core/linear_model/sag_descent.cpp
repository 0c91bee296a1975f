#include "core/linear_model/sag_descent.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace digitlab {

namespace {

// ||x||^2 of a row's features: the row itself, or its degree-2 expansion
// [z_a, z_a z_b (a <= b)], whose squares sum to s2 + (s2^2 + s4) / 2.
double squared_norm(const float* z, Eigen::Index m, int degree) {
  double s2 = 0, s4 = 0;
  for (Eigen::Index a = 0; a < m; ++a) {
    const double q = static_cast<double>(z[a]) * z[a];
    s2 += q;
    s4 += q * q;
  }
  return degree == 2 ? s2 + 0.5 * (s2 * s2 + s4) : s2;
}

}  // namespace

SagDescent::SagDescent(LogisticObjective& objective, const Eigen::VectorXd& theta0, SagSettings settings)
    : objective_(objective),
      settings_(settings),
      d_(objective.feature_count()),
      k_(objective.n_outputs()),
      rng_(settings.seed) {
  const Eigen::Index n = objective.sample_count();
  W_ = Eigen::Map<const Eigen::MatrixXd>(theta0.data(), d_, k_);
  b_ = Eigen::Map<const Eigen::RowVectorXd>(theta0.data() + d_ * k_, k_);
  sum_w_.setZero(d_, k_);
  sum_b_.setZero(k_);
  memory_.setZero(n, k_);
  seen_.assign(static_cast<std::size_t>(n), 0);
  features_.resize(d_);
  // scikit-learn's automatic step for the log loss, with the sample weights folded into
  // each row's norm (a weighted row's gradient is that much steeper).
  const FeatureSource& source = objective.features();
  const Eigen::Index m = source.base->cols();
  double largest = 0;
  for (Eigen::Index i = 0; i < n; ++i)
    largest = std::max(largest, objective.sample_weight()(i) * squared_norm(source.base->row(i).data(), m, source.degree));
  alpha_mean_ = objective.alpha() / static_cast<double>(std::max<Eigen::Index>(1, n));
  step_ = 1.0 / (0.25 * (largest + 1.0) + alpha_mean_);
  theta_ = theta0;
  last_good_ = theta0;
  if (settings_.max_epochs <= 0) {
    status_ = DescentStatus::MaxEpochs;
    message_ = "max_iter is 0: nothing to do";
    return;
  }
  measuring_ = true;  // the starting loss first, as the other solvers' first pass gives it
  objective_.begin(theta_);
}

double SagDescent::epoch_fraction() const {
  if (measuring_ || objective_.sample_count() == 0) return 0.0;
  return static_cast<double>(position_) / static_cast<double>(objective_.sample_count());
}

const float* SagDescent::row_features(Eigen::Index row) {
  const FeatureSource& source = objective_.features();
  const float* z = source.base->row(row).data();
  if (source.degree != 2) return z;
  const Eigen::Index m = source.base->cols();
  float* out = features_.data();
  for (Eigen::Index a = 0; a < m; ++a) *out++ = z[a];
  for (Eigen::Index a = 0; a < m; ++a)
    for (Eigen::Index b = a; b < m; ++b) *out++ = z[a] * z[b];
  return features_.data();
}

void SagDescent::visit(Eigen::Index row) {
  x_ = Eigen::Map<const Eigen::VectorXf>(row_features(row), d_).cast<double>();
  scores_.noalias() = W_.transpose() * x_;
  scores_ += b_.transpose();
  const double s = objective_.sample_weight()(row);
  const int y = objective_.targets()[static_cast<std::size_t>(row)];
  if (objective_.kind() == LossKind::Softmax) {
    const double top = scores_.maxCoeff();
    residual_ = (scores_.array() - top).exp().matrix();
    residual_ *= s / residual_.sum();
    residual_(y) -= s;
  } else {
    residual_.resize(1);
    residual_(0) = s * (1.0 / (1.0 + std::exp(-scores_(0))) - y);
  }
  // The row's new gradient replaces its old one in the sums.
  const Eigen::RowVectorXd change = residual_.transpose() - memory_.row(row);
  memory_.row(row) = residual_.transpose();
  sum_w_.noalias() += x_ * change;
  sum_b_ += change;
  if (!seen_[static_cast<std::size_t>(row)]) {
    seen_[static_cast<std::size_t>(row)] = 1;
    ++seen_count_;
  }
  const double move = step_ / static_cast<double>(seen_count_);
  W_ *= 1.0 - step_ * alpha_mean_;
  W_.noalias() -= move * sum_w_;
  b_.noalias() -= move * sum_b_;
}

bool SagDescent::step(Eigen::Index rows) {
  if (status_ != DescentStatus::Running) return false;
  if (measuring_) {
    objective_.accumulate(objective_.block_rows());
    if (!objective_.pass_done()) return false;
    end_measure();
    return true;
  }
  if (position_ == 0) epoch_start_ = W_;
  // Rows drawn uniformly with replacement, as scikit-learn's SAG (and the paper) draw them:
  // with a shuffled order (each row once an epoch) the step 1 / L oscillated here.
  const Eigen::Index n = objective_.sample_count();
  std::uniform_int_distribution<Eigen::Index> draw(0, n - 1);
  const Eigen::Index end = std::min(n, position_ + std::max<Eigen::Index>(1, rows));
  for (; position_ < end; ++position_) visit(draw(rng_));
  if (position_ < n) return false;
  end_epoch();
  return true;
}

void SagDescent::end_epoch() {
  position_ = 0;
  ++epoch_;
  ++passes_;
  // scikit-learn's rule: the largest change of a weight over the epoch, relative to the
  // largest weight.
  const double largest = W_.cwiseAbs().maxCoeff();
  const double change = (W_ - epoch_start_).cwiseAbs().maxCoeff();
  max_change_ratio_ = largest > 0 ? change / largest : change > 0 ? 1.0 : 0.0;
  theta_.head(d_ * k_) = Eigen::Map<const Eigen::VectorXd>(W_.data(), d_ * k_);
  theta_.tail(k_) = b_.transpose();
  measuring_ = true;
  if (!theta_.allFinite()) {
    end_measure();  // nothing to measure: the epoch diverged
    return;
  }
  objective_.begin(theta_);
}

void SagDescent::end_measure() {
  measuring_ = false;
  double loss = std::numeric_limits<double>::quiet_NaN();
  if (theta_.allFinite()) {
    loss = objective_.finish(gradient_);
    ++passes_;
  }
  if (!std::isfinite(loss)) {
    status_ = DescentStatus::Diverged;
    message_ = "diverged in epoch " + std::to_string(epoch_) + " (the loss became NaN or Inf): kept the model from epoch " +
               std::to_string(epoch_ - 1);
    return;
  }
  last_loss_ = loss;
  last_good_ = theta_;
  if (epoch_ == 0) return;
  if (max_change_ratio_ <= settings_.tol) {
    status_ = DescentStatus::Converged;
    message_ = "converged";
  } else if (epoch_ >= settings_.max_epochs) {
    status_ = DescentStatus::MaxEpochs;
    message_ = "stopped at max_iter=" + std::to_string(settings_.max_epochs) +
               " epochs without converging (the weights still moved " + std::to_string(max_change_ratio_) +
               " of the largest in the last epoch)";
  }
}

}  // namespace digitlab
