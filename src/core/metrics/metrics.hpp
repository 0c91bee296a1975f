// Classification metrics, as scikit-learn's sklearn.metrics defines them.
//
//   ConfusionMatrix cm = confusion_matrix(y_true, y_pred, 10);   // rows true, columns predicted
//   ClassReport r = classification_report(cm);
//   r.accuracy, r.precision[3], r.macro.f1, to_text(r)
//
// A class never predicted has precision 0/0 and a class never present recall 0/0;
// zero_division says what those become (scikit-learn's default warns and uses 0).
#pragma once

#include <string>
#include <vector>

#include "core/common/types.hpp"

namespace digitlab {

using ConfusionMatrix = Eigen::Matrix<long long, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

ConfusionMatrix confusion_matrix(const Labels& y_true, const Labels& y_pred, int n_classes);

double accuracy(const ConfusionMatrix& cm);  // trace / total
double accuracy(const Labels& y_true, const Labels& y_pred);

struct AveragedScores {
  double precision = 0, recall = 0, f1 = 0;
};

struct ClassReport {
  std::vector<double> precision, recall, f1;
  std::vector<long long> support;  // true count of each class
  AveragedScores macro, weighted;
  double accuracy = 0;
  long long total = 0;
};

ClassReport classification_report(const ConfusionMatrix& cm, double zero_division = 0.0);

// F1 from a precision and a recall: 2 p r / (p + r), zero_division when both are 0.
double f1_score(double precision, double recall, double zero_division = 0.0);

// scikit-learn's classification_report text layout.
std::string to_text(const ClassReport& report, int digits = 4);

// Off-diagonal cells, largest count first: (true, predicted, count).
struct Confusion {
  int true_class, predicted_class;
  long long count;
};
std::vector<Confusion> most_confused_pairs(const ConfusionMatrix& cm, int how_many);

}  // namespace digitlab
