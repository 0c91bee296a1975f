// Mini-batch gradient descent with momentum on a LogisticObjective, one batch per call.
//
// Each batch's gradient estimates the mean objective's: (1/b) sum_batch grad_i +
// (alpha/n) W. An epoch is one shuffled pass over the data; max_epochs plays
// max_iter's part. A batch whose loss or parameters turn NaN or Inf (a learning rate
// far too large) ends the run as Diverged and restores the parameters of the last
// finished epoch, so a diverging run never loses the model it had.
//
//   MiniBatchDescent descent(objective, theta0, {256, 0.1, 0.9, 20, 1e-4, seed});
//   while (descent.status() == DescentStatus::Running) descent.step_batch();
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/linear_model/logistic_objective.hpp"

namespace digitlab {

struct MiniBatchSettings {
  int batch_size = 256;
  double learning_rate = 0.1;
  double momentum = 0.9;
  int max_epochs = 20;
  double tol = 1e-4;  // converged when an epoch lowers the mean loss by less (relative)
  std::uint32_t seed = 0;
};

enum class DescentStatus { Running, Converged, MaxEpochs, Diverged };

class MiniBatchDescent {
 public:
  MiniBatchDescent(LogisticObjective& objective, Eigen::VectorXd theta0, MiniBatchSettings settings);

  void step_batch();
  DescentStatus status() const { return status_; }
  const Eigen::VectorXd& best() const { return last_good_; }  // end of the last good epoch
  int epoch() const { return epoch_; }
  int batches() const { return batches_; }
  double epoch_fraction() const;
  double loss() const { return last_loss_; }  // summed objective estimate of the last epoch
  std::string message() const { return message_; }

 private:
  void shuffle();

  LogisticObjective& objective_;
  MiniBatchSettings settings_;
  Eigen::VectorXd theta_, velocity_, last_good_, gradient_;
  std::mt19937 rng_;
  std::vector<int> order_, batch_;
  std::size_t position_ = 0;
  int epoch_ = 0, batches_ = 0;
  double epoch_loss_ = 0.0, last_loss_ = 0.0;
  DescentStatus status_ = DescentStatus::Running;
  std::string message_ = "running";
};

}  // namespace digitlab
