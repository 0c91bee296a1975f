// How far a model's probabilities can be trusted as probabilities: reliability bins,
// the expected calibration error (ECE) and the log-loss, for predicted probabilities
// (n x K, rows sum to one) and the true labels.
//
//   ReliabilityDiagram top = top_class_reliability(p, labels);      // 10 bins of width 0.1
//   top.ece;  top.bins[9].frequency;      // of the digits said 90-100% sure, the share right
//   ReliabilityDiagram seven = class_reliability(p, labels, 7);      // "is it a 7?" for every digit
//   double loss = log_loss(p, labels);
//   AnsweredDigits a = answer_when_sure(p, labels, 0.9);             // abstain below 90%
//
// The binning follows Guo et al., "On Calibration of Modern Neural Networks" (ICML 2017),
// section 2: equal-width bins over [0, 1], ECE = sum over bins of (n_bin / n) *
// |frequency - mean confidence|. Empty bins weigh nothing.
#pragma once

#include <vector>

#include "core/common/types.hpp"
#include "core/metrics/metrics.hpp"

namespace digitlab {

// The page's and the CLI's bin count: ten bins of width 0.1 (0-10%, ..., 90-100%).
constexpr int kCalibrationBins = 10;

struct ReliabilityBin {
  double lower = 0, upper = 0;   // [lower, upper); the last bin includes 1
  long long count = 0;           // predictions whose probability falls here
  double mean_confidence = 0;    // their mean predicted probability (0 when empty)
  double frequency = 0;          // the share of them that came true (0 when empty)
};

struct ReliabilityDiagram {
  std::vector<ReliabilityBin> bins;
  long long samples = 0;
  double ece = 0;  // expected calibration error, in [0, 1]
};

// Bins `confidence` against whether each prediction came true (`hit`): the general form
// the two below use. Probabilities outside [0, 1] are a caller error (asserted).
ReliabilityDiagram reliability(const std::vector<double>& confidence, const std::vector<char>& hit,
                               int bins = kCalibrationBins);

// Overall: each digit's largest probability against whether that class was the true one.
ReliabilityDiagram top_class_reliability(const Eigen::MatrixXf& probabilities, const Labels& labels,
                                         int bins = kCalibrationBins);

// One against the rest: every digit's probability of class k against whether it is a k.
ReliabilityDiagram class_reliability(const Eigen::MatrixXf& probabilities, const Labels& labels, int k,
                                     int bins = kCalibrationBins);

// Mean of -log p(true class), natural log. A probability under 1e-15 counts as 1e-15
// (scikit-learn's old eps), so a single confident mistake costs about 34.5, not infinity.
double log_loss(const Eigen::MatrixXf& probabilities, const Labels& labels);

// "Answer only when at least `threshold` sure": the digits whose largest probability
// reaches the threshold, and the confusion matrix of the predictions given for them.
struct AnsweredDigits {
  long long answered = 0, correct = 0, total = 0;
  ConfusionMatrix confusion;  // rows true, columns predicted; only the answered digits
};
AnsweredDigits answer_when_sure(const Eigen::MatrixXf& probabilities, const Labels& labels, double threshold);

}  // namespace digitlab
