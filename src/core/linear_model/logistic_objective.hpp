// The penalized logistic loss that L-BFGS and mini-batch descent both minimize,
// written as scikit-learn 1.2 writes it for its lbfgs solver (_linear_loss.py):
//
//   L(W, b) = sum_i s_i * loss_i + (alpha / 2) * ||W||^2,   alpha = 1 / C
//
// softmax:  loss_i = logsumexp(z_i) - z_i[y_i],        z_i = W^T x_i + b  (K outputs)
// sigmoid:  loss_i = log(1 + exp(z_i)) - y_i * z_i,    y_i in {0, 1}      (1 output)
//
// s_i are sample weights (class_weight "balanced" gives n / (K * count of y_i)); the
// intercept b is not penalized. Parameters live in one float64 vector theta: W
// column-major (d x K), then b. The products X W and X^T G run in float32, the
// sums across blocks in float64.
//
//   LogisticObjective objective(X, y, weights, 10, LossKind::Softmax, 1.0 / C);
//   double f = objective.evaluate(theta, grad);       // one full pass
//   objective.begin(theta);                           // or the same pass in slices:
//   while (!objective.pass_done()) objective.accumulate(objective.block_rows());
//   double f2 = objective.finish(grad);
//
// Newton-CG also needs Hessian-vector products H v at the point of the last finished
// pass (logistic_hessian.cpp); they reuse that pass's probabilities, which the
// objective keeps once asked to:
//   objective.remember_probabilities();
//   objective.evaluate(theta, grad);
//   objective.hessian_product(v, hv);                  // one more pass: H(theta) v
//   objective.begin_hessian(v); ... accumulate ... objective.finish_hessian(hv);
#pragma once

#include "core/linear_model/feature_source.hpp"
#include "core/linear_model/pairwise_sums.hpp"
#include "core/kernels/linear_block.hpp"
#include "core/kernels/quadratic_block.hpp"
#include "core/common/types.hpp"

namespace digitlab {

enum class LossKind { Softmax, Sigmoid };

class LogisticObjective {
 public:
  LogisticObjective(FeatureSource features, Labels targets, Eigen::VectorXf sample_weight,
                    int n_outputs, LossKind kind, double alpha);
  LogisticObjective(const Matrix& X, Labels targets, Eigen::VectorXf sample_weight,
                    int n_outputs, LossKind kind, double alpha)
      : LogisticObjective(features_of(X), std::move(targets), std::move(sample_weight), n_outputs, kind, alpha) {}

  Eigen::Index feature_count() const { return source_.feature_count; }
  Eigen::Index parameter_count() const { return (feature_count() + 1) * n_outputs_; }
  Eigen::Index sample_count() const { return source_.rows(); }
  int n_outputs() const { return n_outputs_; }

  double evaluate(const Eigen::VectorXd& theta, Eigen::VectorXd& grad);

  void begin(const Eigen::VectorXd& theta);
  Eigen::Index accumulate(Eigen::Index max_rows);  // returns rows processed
  bool in_pass() const { return in_pass_; }  // between begin() and finish()
  bool pass_done() const { return open_group_ >= local_groups_; }
  // A full pass sums its rows in fixed groups, added pairwise (pairwise_sums.hpp), so the
  // result does not depend on how the rows were shared out. The groups' ends, the last
  // one sample_count(); a shard's objective is given its own groups' ends.
  const std::vector<Eigen::Index>& group_ends() const { return group_ends_; }
  void set_group_ends(std::vector<Eigen::Index> ends);
  // Row sharding (issue 12): a pass here covers the first `count` groups only; the other
  // rows' loss and gradient (unpenalized, in theta's layout), each part the sum of
  // `groups` groups, come from elsewhere through add_part() before finish(). The whole
  // count undoes it.
  void set_local_groups(int count) { local_groups_ = count; }
  void add_part(double loss, const Eigen::VectorXd& grad, int groups);
  // Rows per accumulate() that keep a block's features in cache (about half a megabyte),
  // a multiple of QuadraticBlock's 128-row panels. accumulate() stops at a group's end.
  Eigen::Index block_rows() const;
  double finish(Eigen::VectorXd& grad);

  // Hessian-vector products of the whole objective (penalty included) at the point of
  // the last finished pass; accumulate() and pass_done() serve both kinds of pass.
  void remember_probabilities() { remember_probabilities_ = true; }
  void begin_hessian(const Eigen::VectorXd& v);
  void finish_hessian(Eigen::VectorXd& hv);
  void hessian_product(const Eigen::VectorXd& v, Eigen::VectorXd& hv);

  // Unpenalized weighted loss and its gradient over the rows `indices` (mini-batches).
  double batch_loss(const Eigen::VectorXd& theta, const std::vector<int>& indices,
                    Eigen::VectorXd& grad);
  // The penalty term and its gradient, added once per full objective.
  double add_penalty(const Eigen::VectorXd& theta, Eigen::VectorXd& grad) const;

  // What the objective is made of, for a solver that visits one row at a time (SAG).
  const FeatureSource& features() const { return source_; }
  const Labels& targets() const { return targets_; }
  const Eigen::VectorXf& sample_weight() const { return sample_weight_; }
  LossKind kind() const { return kind_; }
  double alpha() const { return alpha_; }

 private:
  // Adds one block's loss to loss_ and its gradient to grad_w_ / grad_b_; `rows` are
  // base rows (the features themselves in linear_, or made from them in quadratic_).
  void add_block(const Eigen::Ref<const Matrix>& rows, const int* targets, const float* weights);
  // The block's scores S = X W + b into scores_, and residual_'s X^T G into block_grad_w_,
  // through the linear or the quadratic block: shared by the gradient and Hessian passes.
  void load_block_scores(const Eigen::Ref<const Matrix>& rows);
  void accumulate_block_gradient();
  // From scores_: the block's weighted loss, and residual_ = d loss / d scores.
  double residuals(const int* targets, const float* weights);
  void load_parameters(const Eigen::VectorXd& theta);
  void flush_gradient();
  // A full pass's start: no rows yet, and the groups before the first row closed.
  void start_pass();
  // The open group's sums onto sums_ (then zeroed), while the groups up to row next_row_
  // are complete.
  void close_finished_groups();
  // The loss and gradient summed so far (the pass's groups and parts, or a mini-batch's).
  double write_gradient(Eigen::VectorXd& out);
  void write_open_sums(Eigen::VectorXd& out) const;
  // H v's share of one block: the scores of v, then X^T R into grad_w_ / grad_b_.
  void add_hessian_block(const Eigen::Ref<const Matrix>& rows, Eigen::Index first_row, const float* weights);

  FeatureSource source_;
  Labels targets_;
  Eigen::VectorXf sample_weight_;
  int n_outputs_;
  LossKind kind_;
  double alpha_;

  // Pass state.
  Eigen::MatrixXf W_;   // d x K float copy of the current parameters
  Eigen::RowVectorXf b_;
  // The open group's sums (a mini-batch's, for batch_loss).
  Eigen::MatrixXd grad_w_;
  Eigen::MatrixXf block_grad_w_;  // float sums within a pass, added to grad_w_ every few blocks
  int blocks_in_float_ = 0;
  Eigen::RowVectorXd grad_b_;
  double loss_ = 0.0;
  Eigen::Index next_row_ = 0;
  std::vector<Eigen::Index> group_ends_;
  int local_groups_ = 0;
  int open_group_ = 0;  // the group next_row_ lies in
  PairwiseSums sums_;
  bool in_pass_ = false;
  Eigen::VectorXd theta_;
  // Newton-CG: each row's probabilities at the last gradient pass (n x K), and the
  // direction of the Hessian pass in progress.
  bool remember_probabilities_ = false;
  bool hessian_pass_ = false;
  Eigen::Index block_start_ = -1;  // first row of the block in add_block, -1 for a mini-batch
  Eigen::MatrixXf probabilities_;
  Eigen::VectorXd direction_;
  // Scratch reused across blocks.
  Eigen::MatrixXf scores_, residual_;
  Eigen::VectorXf top_, total_, log_total_;
  Matrix gathered_;
  LinearBlock linear_;
  QuadraticBlock quadratic_;
};

// Sample weights for class_weight "balanced": n / (K * count(y_i)), scikit-learn's
// compute_class_weight; classes absent from y get no weight (none of their rows exist).
Eigen::VectorXf balanced_sample_weights(const Labels& y, int n_classes);

}  // namespace digitlab
