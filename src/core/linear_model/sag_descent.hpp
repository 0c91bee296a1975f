// SAG, the stochastic average gradient (Schmidt, Le Roux and Bach, 2017), as scikit-learn's
// solver="sag" runs it (_sag.py, sag_fast.pyx): one row at a time, drawn at random,
// the step along the average of the latest gradient of every row seen, so each step costs
// one row's gradient but moves like a full-gradient step. It keeps one residual per row
// and class (n x K doubles, 4.6 MB for 58,000 digits) and their sum through the features.
//
//   mean objective  F(W) = (1/n) sum_i s_i loss_i + (alpha / 2n) ||W||^2
//   step            1 / L,  L = 0.25 (max_i s_i ||x_i||^2 + 1) + alpha / n   (scikit-learn's auto step)
//   converged       after an epoch, max |W - W_before| / max |W| <= tol      (scikit-learn's rule)
//
// After each epoch the exact objective is measured in one more pass (sliced, as the other
// solvers' passes), so its loss curve is comparable with L-BFGS's and Newton-CG's.
//
//   SagDescent sag(objective, theta0, {max_epochs, tol, seed});
//   while (sag.status() == DescentStatus::Running) sag.step(256);
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/linear_model/logistic_objective.hpp"
#include "core/linear_model/minibatch_descent.hpp"  // DescentStatus

namespace digitlab {

struct SagSettings {
  int max_epochs = 100;
  double tol = 1e-4;
  std::uint32_t seed = 0;
};

class SagDescent {
 public:
  SagDescent(LogisticObjective& objective, const Eigen::VectorXd& theta0, SagSettings settings);

  // Visits up to `rows` rows (or a block of the measuring pass); true when a pass over the
  // data ended in it (an epoch of updates, or the measuring pass).
  bool step(Eigen::Index rows);
  DescentStatus status() const { return status_; }
  const Eigen::VectorXd& best() const { return last_good_; }  // end of the last measured epoch
  int epoch() const { return epoch_; }
  int passes() const { return passes_; }  // epochs plus measuring passes
  double epoch_fraction() const;
  double loss() const { return last_loss_; }  // the exact summed objective after the last epoch
  double step_size() const { return step_; }
  std::string message() const { return message_; }

 private:
  void visit(Eigen::Index row);
  void end_epoch();
  void end_measure();
  const float* row_features(Eigen::Index row);

  LogisticObjective& objective_;
  SagSettings settings_;
  Eigen::Index d_ = 0;
  int k_ = 1;
  Eigen::MatrixXd W_;          // d x K
  Eigen::RowVectorXd b_;
  Eigen::MatrixXd sum_w_;      // sum over seen rows of x_i r_i^T
  Eigen::RowVectorXd sum_b_;   // sum over seen rows of r_i
  // n x K: each row's last residual s_i (p_i - y_i), in double: float's rounding would
  // leave the average gradient a noise floor that tol cannot get under.
  Eigen::MatrixXd memory_;
  std::vector<char> seen_;
  Eigen::Index seen_count_ = 0;
  double step_ = 0.0, alpha_mean_ = 0.0;
  Eigen::VectorXf features_;   // one row, expanded to degree 2 when the source is
  Eigen::VectorXd x_, scores_, residual_;
  Eigen::MatrixXd epoch_start_;
  std::mt19937 rng_;
  Eigen::Index position_ = 0;  // draws in this epoch (an epoch is n draws)
  bool measuring_ = false;
  Eigen::VectorXd theta_, gradient_, last_good_;
  int epoch_ = 0, passes_ = 0;
  double last_loss_ = 0.0, max_change_ratio_ = 0.0;
  DescentStatus status_ = DescentStatus::Running;
  std::string message_ = "running";
};

}  // namespace digitlab
