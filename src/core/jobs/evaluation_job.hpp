// Predicting a labelled set a block at a time, then its metrics.
//
//   EvaluationJob eval(pipeline, rows_of(test.pixels), test.labels);
//   while (!eval.done()) draw_progress(eval.step(0.012));
//   eval.report().accuracy;  eval.confusion();  eval.probabilities().row(i);  eval.scores()
#pragma once

#include "core/metrics/metrics.hpp"
#include "core/linear_model/pipeline.hpp"
#include "core/data/row_source.hpp"

namespace digitlab {

class EvaluationJob {
 public:
  // The job keeps its own copies of the pipeline and the labels; the rows are as the
  // RowSource holds them (rows_of(shared_ptr<const Dataset>) shares the dataset).
  EvaluationJob(Pipeline pipeline, RowSource rows, Labels labels);

  // Predicts for about budget_seconds (at least one block); returns fraction(), 1 once done().
  double step(double budget_seconds);
  bool done() const { return next_row_ >= rows_.rows; }
  double fraction() const { return rows_.rows ? static_cast<double>(next_row_) / rows_.rows : 1.0; }

  const Pipeline& pipeline() const { return pipeline_; }
  const Labels& labels() const { return labels_; }  // the true labels of the rows
  const Labels& predictions() const { return predictions_; }
  const Eigen::MatrixXf& probabilities() const { return probabilities_; }  // n x classes
  // The model's scores z (decision_function), n x outputs: what temperature scaling divides.
  const Eigen::MatrixXf& scores() const { return scores_; }
  ConfusionMatrix confusion() const;  // requires done()
  ClassReport report() const { return classification_report(confusion()); }
  std::vector<int> misclassified() const;  // row indices, in order

 private:
  Pipeline pipeline_;
  RowSource rows_;
  Labels labels_;
  Eigen::Index next_row_ = 0;
  Matrix block_, features_;
  Labels predictions_;
  Eigen::MatrixXf scores_, probabilities_;
};

}  // namespace digitlab
