// Hessian-vector products of LogisticObjective, for Newton-CG (newton_cg.hpp). With
// p_i the probabilities at theta and s_i = V^T x_i + v_b the scores of the direction
// v = (V, v_b), the Hessian of the weighted loss applied to v is X^T R (and sum_i r_i
// for the intercepts), plus alpha V for the penalty:
//
//   softmax:  r_i = w_i * p_i .* (s_i - <p_i, s_i>)   (diag(p) - p p^T) s, per row
//   sigmoid:  r_i = w_i * p_i (1 - p_i) s_i
//
// as scikit-learn's LinearModelLoss.gradient_hessian_product. The probabilities come
// from the last gradient pass, so a product costs one scores product and one X^T R
// product over the data, the price of a gradient pass without its exp and log.
#include <cassert>

#include "core/linear_model/logistic_objective.hpp"

namespace digitlab {

void LogisticObjective::begin_hessian(const Eigen::VectorXd& v) {
  assert(remember_probabilities_ && probabilities_.rows() == sample_count() && !in_pass_ &&
         "begin_hessian needs a finished gradient pass with remember_probabilities()");
  direction_ = v;
  load_parameters(v);  // W_ and b_ hold the direction during this pass
  hessian_pass_ = true;
  start_pass();
}

void LogisticObjective::add_hessian_block(const Eigen::Ref<const Matrix>& rows, Eigen::Index first_row,
                                          const float* weights) {
  load_block_scores(rows);
  const Eigen::Index n = scores_.rows();
  const auto p = probabilities_.middleRows(first_row, n).array();
  const Eigen::Map<const Eigen::ArrayXf> w(weights, n);
  if (kind_ == LossKind::Softmax) {
    total_ = (p * scores_.array()).rowwise().sum();  // <p_i, s_i>
    residual_ = p * (scores_.array().colwise() - total_.array());
  } else {
    residual_ = p * (1.0f - p) * scores_.array();
  }
  residual_.array().colwise() *= w;
  accumulate_block_gradient();
  if (++blocks_in_float_ == 8) flush_gradient();
  grad_b_ += residual_.colwise().sum().cast<double>();
}

void LogisticObjective::finish_hessian(Eigen::VectorXd& hv) {
  assert(in_pass_ && hessian_pass_ && pass_done() && "finish_hessian before the pass is done");
  in_pass_ = false;
  hessian_pass_ = false;
  write_gradient(hv);
  add_penalty(direction_, hv);
}

void LogisticObjective::hessian_product(const Eigen::VectorXd& v, Eigen::VectorXd& hv) {
  begin_hessian(v);
  while (!pass_done()) accumulate(block_rows());
  finish_hessian(hv);
}

}  // namespace digitlab
