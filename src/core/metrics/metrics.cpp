#include "core/metrics/metrics.hpp"

#include <algorithm>
#include <cassert>
#include <cstdio>

namespace digitlab {

ConfusionMatrix confusion_matrix(const Labels& y_true, const Labels& y_pred, int n_classes) {
  if (y_true.size() != y_pred.size())
    throw DataError("confusion_matrix: " + std::to_string(y_true.size()) + " true labels but " +
                    std::to_string(y_pred.size()) + " predictions");
  ConfusionMatrix cm = ConfusionMatrix::Zero(n_classes, n_classes);
  for (std::size_t i = 0; i < y_true.size(); ++i) {
    if (y_true[i] < 0 || y_true[i] >= n_classes || y_pred[i] < 0 || y_pred[i] >= n_classes)
      throw DataError("confusion_matrix: label outside 0.." + std::to_string(n_classes - 1));
    ++cm(y_true[i], y_pred[i]);
  }
  return cm;
}

double accuracy(const ConfusionMatrix& cm) {
  const long long total = cm.sum();
  return total == 0 ? 0.0 : static_cast<double>(cm.trace()) / static_cast<double>(total);
}

double accuracy(const Labels& y_true, const Labels& y_pred) {
  return accuracy(confusion_matrix(y_true, y_pred, std::max(count_classes(y_true), count_classes(y_pred))));
}

double f1_score(double precision, double recall, double zero_division) {
  return precision + recall > 0 ? 2.0 * precision * recall / (precision + recall) : zero_division;
}

ClassReport classification_report(const ConfusionMatrix& cm, double zero_division) {
  const Eigen::Index k = cm.rows();
  ClassReport r;
  r.total = cm.sum();
  r.accuracy = accuracy(cm);
  for (Eigen::Index c = 0; c < k; ++c) {
    const long long tp = cm(c, c);
    const long long predicted = cm.col(c).sum();  // TP + FP
    const long long actual = cm.row(c).sum();     // TP + FN
    const double precision = predicted > 0 ? static_cast<double>(tp) / predicted : zero_division;
    const double recall = actual > 0 ? static_cast<double>(tp) / actual : zero_division;
    r.precision.push_back(precision);
    r.recall.push_back(recall);
    r.f1.push_back(f1_score(precision, recall, zero_division));
    r.support.push_back(actual);
  }
  for (Eigen::Index c = 0; c < k; ++c) {
    const auto i = static_cast<std::size_t>(c);
    r.macro.precision += r.precision[i] / static_cast<double>(k);
    r.macro.recall += r.recall[i] / static_cast<double>(k);
    r.macro.f1 += r.f1[i] / static_cast<double>(k);
    if (r.total > 0) {
      const double share = static_cast<double>(r.support[i]) / static_cast<double>(r.total);
      r.weighted.precision += share * r.precision[i];
      r.weighted.recall += share * r.recall[i];
      r.weighted.f1 += share * r.f1[i];
    }
  }
  return r;
}

std::string to_text(const ClassReport& r, int digits) {
  std::string out;
  char line[160];
  std::snprintf(line, sizeof line, "%12s %9s %9s %9s %9s\n\n", "", "precision", "recall", "f1-score", "support");
  out += line;
  for (std::size_t c = 0; c < r.precision.size(); ++c) {
    std::snprintf(line, sizeof line, "%12zu %9.*f %9.*f %9.*f %9lld\n", c, digits, r.precision[c],
                  digits, r.recall[c], digits, r.f1[c], r.support[c]);
    out += line;
  }
  std::snprintf(line, sizeof line, "\n%12s %9s %9s %9.*f %9lld\n", "accuracy", "", "", digits, r.accuracy, r.total);
  out += line;
  std::snprintf(line, sizeof line, "%12s %9.*f %9.*f %9.*f %9lld\n", "macro avg", digits, r.macro.precision,
                digits, r.macro.recall, digits, r.macro.f1, r.total);
  out += line;
  std::snprintf(line, sizeof line, "%12s %9.*f %9.*f %9.*f %9lld\n", "weighted avg", digits,
                r.weighted.precision, digits, r.weighted.recall, digits, r.weighted.f1, r.total);
  out += line;
  return out;
}

std::vector<Confusion> most_confused_pairs(const ConfusionMatrix& cm, int how_many) {
  std::vector<Confusion> pairs;
  for (Eigen::Index t = 0; t < cm.rows(); ++t)
    for (Eigen::Index p = 0; p < cm.cols(); ++p)
      if (t != p && cm(t, p) > 0) pairs.push_back({static_cast<int>(t), static_cast<int>(p), cm(t, p)});
  std::stable_sort(pairs.begin(), pairs.end(), [](const Confusion& a, const Confusion& b) { return a.count > b.count; });
  if (static_cast<int>(pairs.size()) > how_many) pairs.resize(static_cast<std::size_t>(how_many));
  return pairs;
}

}  // namespace digitlab
