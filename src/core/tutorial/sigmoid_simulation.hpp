// The tutorial's simulation of logistic regression's forward pass ("Sigmoid in
// action"): random weights w and bias b, samples of standard normal features X,
// z = X w + b and y_hat = sigmoid(z). Our addition: labels drawn as Bernoulli(y_hat),
// the outcomes such a model would be right about on average, so that a threshold's
// accuracy can be counted and the question "what if most z sit near 0?" answered
// (then y_hat is near 0.5 and the labels are coin flips).
//
//   SigmoidSimulation sim = simulate_logistic(100, 3, 42);   // the tutorial's sizes
//   ThresholdOutcome at = apply_threshold(sim.y_hat, sim.labels, 0.5);
//   at.predicted_positive;  at.accuracy;
#pragma once

#include <cstdint>
#include <vector>

#include "core/common/types.hpp"

namespace digitlab {

// 1 / (1 + e^-z), without overflow for large |z|.
double logistic(double z);
// The inverse of logistic: ln(p / (1 - p)), for p in (0, 1).
double logit(double p);

// z = X w + b, one score per row of X.
Eigen::VectorXd linear_scores(const Eigen::MatrixXd& X, const Eigen::VectorXd& weights, double bias);

struct SigmoidSimulation {
  Eigen::VectorXd weights;  // features
  double bias = 0.0;
  Eigen::MatrixXd X;        // samples x features, standard normal
  Eigen::VectorXd z;        // X w + b
  Eigen::VectorXd y_hat;    // logistic(z)
  Labels labels;            // 1 with probability y_hat, else 0
};

// weight_scale multiplies w and b (it stretches or squeezes z around 0); the seed fixes
// every draw, in every build (random_draws.hpp).
SigmoidSimulation simulate_logistic(int samples, int features, std::uint32_t seed, double weight_scale = 1.0);

struct ThresholdOutcome {
  int predicted_positive = 0;  // y_hat >= threshold
  int correct = 0;             // predictions that equal the label
  double accuracy = 0.0;
};
ThresholdOutcome apply_threshold(const Eigen::VectorXd& y_hat, const Labels& labels, double threshold);

// Counts of `values` in `bins` equal bins over [low, high]; values outside fall in the
// first or last bin.
std::vector<int> histogram(const Eigen::VectorXd& values, double low, double high, int bins);

}  // namespace digitlab
