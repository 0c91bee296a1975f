#include "core/linear_model/logistic_objective.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "core/data/dataset.hpp"
#include "core/kernels/linear_kernels.hpp"

namespace digitlab {

LogisticObjective::LogisticObjective(FeatureSource features, Labels targets,
                                     Eigen::VectorXf sample_weight, int n_outputs,
                                     LossKind kind, double alpha)
    : source_(std::move(features)),
      targets_(std::move(targets)),
      sample_weight_(std::move(sample_weight)),
      n_outputs_(n_outputs),
      kind_(kind),
      alpha_(alpha) {
  assert(static_cast<Eigen::Index>(targets_.size()) == sample_count() && "one target per row");
  assert(sample_weight_.size() == sample_count() && "one weight per row");
  assert((kind_ == LossKind::Softmax || n_outputs_ == 1) && "sigmoid loss has one output");
  // Groups of whole blocks where blocks are small and each group can hold one (degree-2
  // features of PCA 30: 256 rows), so no block is cut short at a group's end (3% of a
  // pass natively); else of QuadraticBlock's 128-row panels.
  const Eigen::Index block = block_rows();
  set_group_ends(summation_group_ends(sample_count(), block <= 256 && sample_count() >= kSummationGroups * block ? block : 128));
}

void LogisticObjective::set_group_ends(std::vector<Eigen::Index> ends) {
  assert(!ends.empty() && ends.back() == sample_count() && std::is_sorted(ends.begin(), ends.end()) &&
         ends.front() >= 0 && "group ends rise to the row count");
  group_ends_ = std::move(ends);
  local_groups_ = static_cast<int>(group_ends_.size());
}

void LogisticObjective::load_parameters(const Eigen::VectorXd& theta) {
  assert(theta.size() == parameter_count() && "theta has the wrong size");
  const Eigen::Index d = feature_count();
  W_ = Eigen::Map<const Eigen::MatrixXd>(theta.data(), d, n_outputs_).cast<float>();
  b_ = Eigen::Map<const Eigen::RowVectorXd>(theta.data() + d * n_outputs_, n_outputs_).cast<float>();
  grad_w_.setZero(d, n_outputs_);
  block_grad_w_.setZero(d, n_outputs_);
  blocks_in_float_ = 0;
  grad_b_.setZero(n_outputs_);
  loss_ = 0.0;
  sums_.clear(parameter_count());
}

void LogisticObjective::load_block_scores(const Eigen::Ref<const Matrix>& rows) {
  if (source_.degree == 2) {
    quadratic_.load(rows);
    quadratic_.scores(W_, b_, scores_);
  } else {
    linear_.load(rows);
    linear_.scores(W_, b_, scores_);
  }
}

void LogisticObjective::accumulate_block_gradient() {
  if (source_.degree == 2)
    quadratic_.accumulate_gradient(residual_, block_grad_w_);
  else
    linear_.accumulate_gradient(residual_, block_grad_w_);
}

void LogisticObjective::add_block(const Eigen::Ref<const Matrix>& rows, const int* targets,
                                  const float* weights) {
  load_block_scores(rows);
  loss_ += residuals(targets, weights);
  accumulate_block_gradient();
  // Float sums over a few blocks only, then into the double total: 60,000 rows summed
  // in float would lose digits the line search needs.
  if (++blocks_in_float_ == 8) flush_gradient();
  grad_b_ += residual_.colwise().sum().cast<double>();
}

double LogisticObjective::residuals(const int* targets, const float* weights) {
  const Eigen::Index n = scores_.rows();
  residual_.resize(n, n_outputs_);
  double block_loss = 0.0;
  if (kind_ == LossKind::Softmax) {
    // Whole-block array expressions: Eigen vectorizes exp and log (AVX natively).
    const Eigen::Map<const Eigen::ArrayXf> w(weights, n);
    top_ = scores_.rowwise().maxCoeff();
    residual_ = scores_.colwise() - top_;
    exp_nonpositive(residual_);
    total_ = residual_.rowwise().sum();
    log_total_ = total_.array().log();
    if (remember_probabilities_ && block_start_ >= 0)
      probabilities_.middleRows(block_start_, n) = residual_.array().colwise() / total_.array();
    for (Eigen::Index i = 0; i < n; ++i)
      block_loss += w(i) * (static_cast<double>(top_(i)) + log_total_(i) - scores_(i, targets[i]));
    residual_.array().colwise() *= w / total_.array();
    for (Eigen::Index i = 0; i < n; ++i) residual_(i, targets[i]) -= w(i);
  } else {
    for (Eigen::Index i = 0; i < n; ++i) {
      const double z = scores_(i, 0);
      // log(1 + e^z) without overflow, then minus y z.
      const double softplus = z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
      block_loss += weights[i] * (softplus - targets[i] * z);
      const double p = 1.0 / (1.0 + std::exp(-z));
      residual_(i, 0) = static_cast<float>(weights[i] * (p - targets[i]));
      if (remember_probabilities_ && block_start_ >= 0) probabilities_(block_start_ + i, 0) = static_cast<float>(p);
    }
  }
  return block_loss;
}

void LogisticObjective::begin(const Eigen::VectorXd& theta) {
  load_parameters(theta);
  theta_ = theta;
  start_pass();
  hessian_pass_ = false;
  if (remember_probabilities_) probabilities_.resize(sample_count(), n_outputs_);
}

void LogisticObjective::start_pass() {
  next_row_ = 0;
  open_group_ = 0;
  in_pass_ = true;
  close_finished_groups();
}

void LogisticObjective::close_finished_groups() {
  while (open_group_ < local_groups_ && group_ends_[static_cast<std::size_t>(open_group_)] <= next_row_) {
    flush_gradient();
    Eigen::VectorXd grad;
    write_open_sums(grad);
    sums_.push(loss_, std::move(grad), 1);
    grad_w_.setZero();
    grad_b_.setZero();
    loss_ = 0.0;
    ++open_group_;
  }
}

Eigen::Index LogisticObjective::accumulate(Eigen::Index max_rows) {
  assert(in_pass_ && "LogisticObjective::accumulate before begin");
  if (pass_done()) return 0;
  const Eigen::Index count = std::min(max_rows, group_ends_[static_cast<std::size_t>(open_group_)] - next_row_);
  if (count <= 0) return 0;
  const auto rows = source_.base->middleRows(next_row_, count);
  if (hessian_pass_) {
    add_hessian_block(rows, next_row_, sample_weight_.data() + next_row_);
  } else {
    block_start_ = next_row_;
    add_block(rows, targets_.data() + next_row_, sample_weight_.data() + next_row_);
    block_start_ = -1;
  }
  next_row_ += count;
  close_finished_groups();
  return count;
}

Eigen::Index LogisticObjective::block_rows() const {
  const Eigen::Index rows = 131072 / std::max<Eigen::Index>(1, feature_count());
  return std::max<Eigen::Index>(128, rows / 128 * 128);
}

void LogisticObjective::flush_gradient() {
  if (blocks_in_float_ == 0) return;
  grad_w_ += block_grad_w_.cast<double>();
  block_grad_w_.setZero();
  blocks_in_float_ = 0;
}

void LogisticObjective::write_open_sums(Eigen::VectorXd& out) const {
  const Eigen::Index d = feature_count();
  out.resize(parameter_count());
  Eigen::Map<Eigen::MatrixXd>(out.data(), d, n_outputs_) = grad_w_;
  Eigen::Map<Eigen::RowVectorXd>(out.data() + d * n_outputs_, n_outputs_) = grad_b_;
}

double LogisticObjective::write_gradient(Eigen::VectorXd& out) {
  flush_gradient();
  // A full pass closed all its groups (nothing is left open); a mini-batch has none.
  if (!sums_.empty()) return sums_.total(out);
  write_open_sums(out);
  return loss_;
}

double LogisticObjective::add_penalty(const Eigen::VectorXd& theta, Eigen::VectorXd& grad) const {
  const Eigen::Index dk = feature_count() * n_outputs_;
  grad.head(dk) += alpha_ * theta.head(dk);
  return 0.5 * alpha_ * theta.head(dk).squaredNorm();
}

void LogisticObjective::add_part(double loss, const Eigen::VectorXd& grad, int groups) {
  assert(in_pass_ && !hessian_pass_ && pass_done() && grad.size() == parameter_count() && "LogisticObjective::add_part");
  sums_.push(loss, grad, groups);
}

double LogisticObjective::finish(Eigen::VectorXd& grad) {
  assert(in_pass_ && !hessian_pass_ && pass_done() && "LogisticObjective::finish before the pass is done");
  in_pass_ = false;
  const double loss = write_gradient(grad);
  return loss + add_penalty(theta_, grad);
}

double LogisticObjective::evaluate(const Eigen::VectorXd& theta, Eigen::VectorXd& grad) {
  begin(theta);
  while (!pass_done()) accumulate(block_rows());
  return finish(grad);
}

double LogisticObjective::batch_loss(const Eigen::VectorXd& theta, const std::vector<int>& indices,
                                     Eigen::VectorXd& grad) {
  load_parameters(theta);
  const auto n = static_cast<Eigen::Index>(indices.size());
  gathered_.resize(n, source_.base->cols());
  Labels targets(indices.size());
  Eigen::VectorXf weights(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const int row = indices[static_cast<std::size_t>(i)];
    gathered_.row(i) = source_.base->row(row);
    targets[static_cast<std::size_t>(i)] = targets_[static_cast<std::size_t>(row)];
    weights(i) = sample_weight_(row);
  }
  add_block(gathered_, targets.data(), weights.data());
  return write_gradient(grad);
}

Eigen::VectorXf balanced_sample_weights(const Labels& y, int n_classes) {
  std::vector<int> counts = class_counts(y, n_classes);
  int present = 0;
  for (int c : counts) present += c > 0;
  // scikit-learn divides by the number of classes present in y.
  Eigen::VectorXf weights(static_cast<Eigen::Index>(y.size()));
  const double n = static_cast<double>(y.size());
  for (std::size_t i = 0; i < y.size(); ++i)
    weights(static_cast<Eigen::Index>(i)) =
        static_cast<float>(n / (present * counts[static_cast<std::size_t>(y[i])]));
  return weights;
}

}  // namespace digitlab
