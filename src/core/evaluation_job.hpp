// Predicting a labelled set a block at a time, then its metrics.
//
//   EvaluationJob eval(pipeline, rows_of(test.pixels), test.labels);
//   while (!eval.step(0.012)) draw_progress(eval.fraction());
//   eval.report().accuracy;  eval.confusion();  eval.probabilities().row(i);
#pragma once

#include "metrics.hpp"
#include "pipeline.hpp"
#include "row_source.hpp"

namespace digitlab {

class EvaluationJob {
 public:
  // The pipeline, rows and labels must outlive the job.
  EvaluationJob(const Pipeline& pipeline, RowSource rows, const Labels& labels);

  bool step(double budget_seconds);  // true once every row is predicted
  bool done() const { return next_row_ >= rows_.rows; }
  double fraction() const { return rows_.rows ? static_cast<double>(next_row_) / rows_.rows : 1.0; }

  const Labels& predictions() const { return predictions_; }
  const Eigen::MatrixXf& probabilities() const { return probabilities_; }  // n x classes
  ConfusionMatrix confusion() const;  // requires done()
  ClassReport report() const { return classification_report(confusion()); }
  std::vector<int> misclassified() const;  // row indices, in order

 private:
  const Pipeline& pipeline_;
  RowSource rows_;
  const Labels& labels_;
  Eigen::Index next_row_ = 0;
  Matrix block_, features_;
  Labels predictions_;
  Eigen::MatrixXf probabilities_;
};

}  // namespace digitlab
