// Platt scaling (Platt 1999), one class at a time, for one-vs-rest models: class k's raw
// score z_k (its decision_function) becomes p_k = sigmoid(a z_k + b), with a and b fitted
// to minimise the log-loss of "is class k" on digits the model did not fit.
//
// Sign convention: sigmoid(a z + b) = 1 / (1 + exp(-(a z + b))), so a = 1, b = 0 is the
// model as it is. scikit-learn's _sigmoid_calibration writes 1 / (1 + exp(A z + B)):
// its A and B are -a and -b.
//
// Targets are smoothed as Platt and scikit-learn's CalibratedClassifierCV(method='sigmoid')
// do: (N+ + 1) / (N+ + 2) for the class's digits, 1 / (N- + 2) for the others, so a class
// the scores separate perfectly still gets finite a and b.
//
//   std::vector<PlattFit> fits = fit_platt_per_class(validation_scores, validation_labels);
//   Eigen::MatrixXf p = platt_probabilities(test_scores, fits);  // rows sum to 1
#pragma once

#include <vector>

#include "core/common/types.hpp"

namespace digitlab {

struct PlattFit {
  double a = 1.0, b = 0.0;    // p = sigmoid(a z + b)
  int positives = 0, negatives = 0;
  int iterations = 0;
  bool converged = false;     // the gradient ended small (not: 100 Newton steps ran out)
};

// One binary problem: scores z and whether each digit is the class. n >= 1.
// Newton's method with a backtracking line search, as in Lin, Lin & Weng (2007), "A note
// on Platt's probabilistic outputs for support vector machines", Algorithm 1.
PlattFit fit_platt(const Eigen::VectorXf& scores, const std::vector<char>& positive);

// Column k of the n x K scores against "label == k", for each k.
std::vector<PlattFit> fit_platt_per_class(const Eigen::MatrixXf& scores, const Labels& labels);

// sigmoid(a z + b), one class's calibrated probability.
double platt_probability(const PlattFit& fit, double score);

// The calibrated multiclass probabilities: each class's platt_probability, then each row
// divided by its sum (a uniform 1/K row if the sum is 0), as scikit-learn's
// CalibratedClassifierCV does for one-vs-rest. The per-class sigmoids need not sum to 1;
// dividing keeps the order within a row, so the arg-max is the largest calibrated sigmoid.
Eigen::MatrixXf platt_probabilities(const Eigen::MatrixXf& scores, const std::vector<PlattFit>& fits);

}  // namespace digitlab
