#include "core/tutorial/sigmoid_simulation.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <random>

#include "core/data/random_draws.hpp"

namespace digitlab {

double logistic(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

double logit(double p) {
  assert(p > 0.0 && p < 1.0 && "logit: p must lie in (0, 1)");
  return std::log(p / (1.0 - p));
}

Eigen::VectorXd linear_scores(const Eigen::MatrixXd& X, const Eigen::VectorXd& weights, double bias) {
  assert(X.cols() == weights.size() && "linear_scores: one weight per feature");
  return (X * weights).array() + bias;
}

SigmoidSimulation simulate_logistic(int samples, int features, std::uint32_t seed, double weight_scale) {
  assert(samples >= 1 && features >= 1);
  std::mt19937 rng(seed);
  SigmoidSimulation s;
  // The tutorial's order: weights, then bias, then X.
  s.weights.resize(features);
  for (int f = 0; f < features; ++f) s.weights(f) = weight_scale * standard_normal(rng);
  s.bias = weight_scale * standard_normal(rng);
  s.X.resize(samples, features);
  for (int i = 0; i < samples; ++i)
    for (int f = 0; f < features; ++f) s.X(i, f) = standard_normal(rng);
  s.z = linear_scores(s.X, s.weights, s.bias);
  s.y_hat = s.z.unaryExpr([](double z) { return logistic(z); });
  s.labels.resize(static_cast<std::size_t>(samples));
  for (int i = 0; i < samples; ++i) s.labels[static_cast<std::size_t>(i)] = uniform01(rng) < s.y_hat(i) ? 1 : 0;
  return s;
}

ThresholdOutcome apply_threshold(const Eigen::VectorXd& y_hat, const Labels& labels, double threshold) {
  assert(static_cast<std::size_t>(y_hat.size()) == labels.size());
  ThresholdOutcome out;
  for (Eigen::Index i = 0; i < y_hat.size(); ++i) {
    const int predicted = y_hat(i) >= threshold ? 1 : 0;
    out.predicted_positive += predicted;
    out.correct += predicted == labels[static_cast<std::size_t>(i)] ? 1 : 0;
  }
  out.accuracy = y_hat.size() ? static_cast<double>(out.correct) / static_cast<double>(y_hat.size()) : 0.0;
  return out;
}

std::vector<int> histogram(const Eigen::VectorXd& values, double low, double high, int bins) {
  assert(bins >= 1 && high > low);
  std::vector<int> counts(static_cast<std::size_t>(bins), 0);
  for (Eigen::Index i = 0; i < values.size(); ++i) {
    const int bin = static_cast<int>(std::floor((values(i) - low) / (high - low) * bins));
    ++counts[static_cast<std::size_t>(std::clamp(bin, 0, bins - 1))];
  }
  return counts;
}

}  // namespace digitlab
