// Temperature scaling (Guo et al., ICML 2017, section 4.2): one number T > 0 divides a
// softmax model's scores, softmax(z / T), fitted to minimise the log-loss on digits the
// model did not fit. T > 1 softens over-confident probabilities, T < 1 sharpens them;
// dividing every score by the same positive T never changes which class is largest, so
// the predictions and the confusion matrix stay exactly as they were.
//
//   TemperatureFit fit = fit_temperature(validation_scores, validation_labels);
//   Eigen::MatrixXf p = softmax_with_temperature(test_scores, fit.temperature);
#pragma once

#include "core/common/types.hpp"

namespace digitlab {

// Bounds on T: beyond them the fit reports hit_bound (e.g. a validation slice the model
// gets entirely right keeps lowering the loss as T -> 0).
constexpr double kMinTemperature = 0.01, kMaxTemperature = 100.0;

struct TemperatureFit {
  double temperature = 1.0;
  double log_loss_before = 0;  // at T = 1, on the digits fitted
  double log_loss_after = 0;   // at the fitted T, on the same digits
  int iterations = 0;
  bool hit_bound = false;
};

// Mean -log softmax(z / T)[true class], computed from the scores (log-sum-exp), so a
// probability that would round to 0 in float still has a finite loss.
double temperature_log_loss(const Eigen::MatrixXf& scores, const Labels& labels, double temperature);

// Minimises temperature_log_loss over T in [kMinTemperature, kMaxTemperature].
// scores: n x K multinomial scores, K >= 2, n >= 1, labels in 0..K-1.
TemperatureFit fit_temperature(const Eigen::MatrixXf& scores, const Labels& labels);

// Row-wise softmax(z / T).
Eigen::MatrixXf softmax_with_temperature(const Eigen::MatrixXf& scores, double temperature);

}  // namespace digitlab
