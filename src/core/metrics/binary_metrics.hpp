// One class against the rest: the 2x2 confusion matrix (TP, FN, FP, TN) and the scores
// read from it, from a 10x10 matrix or from probabilities and a threshold. This is the
// tutorial's medical example (TP 50, FN 10, FP 5, TN 35) and its question about moving a
// class's threshold away from 0.5.
//
//   BinaryCounts c = one_vs_rest(cm, 3);            // "3" against every other digit
//   BinaryScores s = binary_scores({50, 5, 10, 35});   // tp, fp, fn, tn
//   std::vector<ThresholdPoint> curve = threshold_sweep(proba.col(8), y, 8, {0.1, 0.5, 0.9});
#pragma once

#include <vector>

#include "core/metrics/metrics.hpp"

namespace digitlab {

struct BinaryCounts {
  long long tp = 0, fp = 0, fn = 0, tn = 0;
  long long total() const { return tp + fp + fn + tn; }
};

struct BinaryScores {
  double accuracy = 0, precision = 0, recall = 0, f1 = 0, specificity = 0;
};

// Rows are true classes, columns predicted (metrics.hpp).
BinaryCounts one_vs_rest(const ConfusionMatrix& cm, int positive);
// A ratio with a zero denominator becomes zero_division, as in metrics.hpp.
BinaryScores binary_scores(const BinaryCounts& counts, double zero_division = 0.0);

struct ThresholdPoint {
  double threshold = 0;
  BinaryCounts counts;
  BinaryScores scores;
};

// "Is it class `positive`?" answered yes when probability >= threshold, for each
// threshold; `probability` holds one value per label.
std::vector<ThresholdPoint> threshold_sweep(const Eigen::Ref<const Eigen::VectorXf>& probability, const Labels& labels,
                                            int positive, const std::vector<double>& thresholds);

// count thresholds spread evenly over [low, high].
std::vector<double> even_thresholds(double low, double high, int count);

}  // namespace digitlab
