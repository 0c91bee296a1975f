#include "core/metrics/calibration.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace digitlab {

ReliabilityDiagram reliability(const std::vector<double>& confidence, const std::vector<char>& hit, int bins) {
  assert(bins >= 1 && "reliability needs at least one bin");
  assert(confidence.size() == hit.size() && "reliability: one hit per confidence");
  ReliabilityDiagram d;
  d.bins.resize(static_cast<std::size_t>(bins));
  std::vector<double> confidence_sum(d.bins.size(), 0.0), hits(d.bins.size(), 0.0);
  for (std::size_t i = 0; i < confidence.size(); ++i) {
    const double c = confidence[i];
    assert(c >= 0.0 && c <= 1.0 && "reliability: a probability outside [0, 1]");
    // Bin b holds [b / bins, (b + 1) / bins); 1 itself goes in the last bin.
    const int b = std::min(bins - 1, static_cast<int>(std::floor(c * bins)));
    ReliabilityBin& bin = d.bins[static_cast<std::size_t>(b)];
    ++bin.count;
    confidence_sum[static_cast<std::size_t>(b)] += c;
    hits[static_cast<std::size_t>(b)] += hit[i] ? 1.0 : 0.0;
  }
  d.samples = static_cast<long long>(confidence.size());
  for (int b = 0; b < bins; ++b) {
    ReliabilityBin& bin = d.bins[static_cast<std::size_t>(b)];
    bin.lower = static_cast<double>(b) / bins;
    bin.upper = static_cast<double>(b + 1) / bins;
    if (bin.count == 0) continue;
    bin.mean_confidence = confidence_sum[static_cast<std::size_t>(b)] / bin.count;
    bin.frequency = hits[static_cast<std::size_t>(b)] / bin.count;
    d.ece += static_cast<double>(bin.count) / d.samples * std::abs(bin.frequency - bin.mean_confidence);
  }
  return d;
}

ReliabilityDiagram top_class_reliability(const Eigen::MatrixXf& probabilities, const Labels& labels, int bins) {
  assert(static_cast<std::size_t>(probabilities.rows()) == labels.size());
  std::vector<double> confidence(labels.size());
  std::vector<char> hit(labels.size());
  for (Eigen::Index i = 0; i < probabilities.rows(); ++i) {
    Eigen::Index best;
    const float top = probabilities.row(i).maxCoeff(&best);
    confidence[static_cast<std::size_t>(i)] = std::clamp(static_cast<double>(top), 0.0, 1.0);
    hit[static_cast<std::size_t>(i)] = labels[static_cast<std::size_t>(i)] == best;
  }
  return reliability(confidence, hit, bins);
}

ReliabilityDiagram class_reliability(const Eigen::MatrixXf& probabilities, const Labels& labels, int k, int bins) {
  assert(static_cast<std::size_t>(probabilities.rows()) == labels.size());
  assert(k >= 0 && k < probabilities.cols());
  std::vector<double> confidence(labels.size());
  std::vector<char> hit(labels.size());
  for (Eigen::Index i = 0; i < probabilities.rows(); ++i) {
    confidence[static_cast<std::size_t>(i)] = std::clamp(static_cast<double>(probabilities(i, k)), 0.0, 1.0);
    hit[static_cast<std::size_t>(i)] = labels[static_cast<std::size_t>(i)] == k;
  }
  return reliability(confidence, hit, bins);
}

double log_loss(const Eigen::MatrixXf& probabilities, const Labels& labels) {
  assert(static_cast<std::size_t>(probabilities.rows()) == labels.size());
  if (labels.empty()) return 0.0;
  double sum = 0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const double p = probabilities(static_cast<Eigen::Index>(i), labels[i]);
    sum -= std::log(std::max(p, 1e-15));
  }
  return sum / static_cast<double>(labels.size());
}

AnsweredDigits answer_when_sure(const Eigen::MatrixXf& probabilities, const Labels& labels, double threshold) {
  assert(static_cast<std::size_t>(probabilities.rows()) == labels.size());
  const int classes = static_cast<int>(probabilities.cols());
  AnsweredDigits a;
  a.confusion = ConfusionMatrix::Zero(classes, classes);
  a.total = static_cast<long long>(labels.size());
  for (Eigen::Index i = 0; i < probabilities.rows(); ++i) {
    Eigen::Index best;
    if (probabilities.row(i).maxCoeff(&best) < threshold) continue;
    const int truth = labels[static_cast<std::size_t>(i)];
    ++a.answered;
    a.correct += truth == best;
    ++a.confusion(truth, best);
  }
  return a;
}

}  // namespace digitlab
