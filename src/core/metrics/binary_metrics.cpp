#include "core/metrics/binary_metrics.hpp"

#include <cassert>

namespace digitlab {

namespace {

double ratio(long long numerator, long long denominator, double zero_division) {
  return denominator > 0 ? static_cast<double>(numerator) / static_cast<double>(denominator) : zero_division;
}

}  // namespace

BinaryCounts one_vs_rest(const ConfusionMatrix& cm, int positive) {
  assert(cm.rows() == cm.cols() && positive >= 0 && positive < cm.rows());
  BinaryCounts c;
  c.tp = cm(positive, positive);
  c.fn = cm.row(positive).sum() - c.tp;
  c.fp = cm.col(positive).sum() - c.tp;
  c.tn = cm.sum() - c.tp - c.fn - c.fp;
  return c;
}

BinaryScores binary_scores(const BinaryCounts& c, double zero_division) {
  BinaryScores s;
  s.accuracy = ratio(c.tp + c.tn, c.total(), zero_division);
  s.precision = ratio(c.tp, c.tp + c.fp, zero_division);
  s.recall = ratio(c.tp, c.tp + c.fn, zero_division);
  s.specificity = ratio(c.tn, c.tn + c.fp, zero_division);
  s.f1 = f1_score(s.precision, s.recall, zero_division);
  return s;
}

std::vector<ThresholdPoint> threshold_sweep(const Eigen::Ref<const Eigen::VectorXf>& probability, const Labels& labels,
                                            int positive, const std::vector<double>& thresholds) {
  if (static_cast<std::size_t>(probability.size()) != labels.size())
    throw DataError("threshold_sweep: " + std::to_string(probability.size()) + " probabilities but " +
                    std::to_string(labels.size()) + " labels");
  std::vector<ThresholdPoint> out;
  out.reserve(thresholds.size());
  for (double t : thresholds) {
    ThresholdPoint point;
    point.threshold = t;
    for (std::size_t i = 0; i < labels.size(); ++i) {
      const bool said_yes = probability(static_cast<Eigen::Index>(i)) >= t;
      const bool is_yes = labels[i] == positive;
      if (said_yes && is_yes) ++point.counts.tp;
      else if (said_yes) ++point.counts.fp;
      else if (is_yes) ++point.counts.fn;
      else ++point.counts.tn;
    }
    point.scores = binary_scores(point.counts);
    out.push_back(point);
  }
  return out;
}

std::vector<double> even_thresholds(double low, double high, int count) {
  assert(count >= 2 && high > low);
  std::vector<double> out(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) out[static_cast<std::size_t>(i)] = low + (high - low) * i / (count - 1);
  return out;
}

}  // namespace digitlab
