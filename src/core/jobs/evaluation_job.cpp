#include "core/jobs/evaluation_job.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>

namespace digitlab {

EvaluationJob::EvaluationJob(Pipeline pipeline, RowSource rows, Labels labels)
    : pipeline_(std::move(pipeline)), rows_(std::move(rows)), labels_(std::move(labels)) {
  if (!pipeline_.fitted()) throw DataError("evaluation needs a fitted model");
  if (static_cast<Eigen::Index>(labels_.size()) != rows_.rows)
    throw DataError(std::to_string(rows_.rows) + " images but " + std::to_string(labels_.size()) + " labels");
  predictions_.resize(labels_.size());
  probabilities_.resize(rows_.rows, pipeline_.model().n_classes());
  scores_.resize(rows_.rows, pipeline_.model().n_classes() == 2 ? 1 : pipeline_.model().n_classes());
}

double EvaluationJob::step(double budget_seconds) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  // About 10 MFLOP per block: the projection (pixels x components) and the model.
  const int projected = pipeline_.pca() ? pipeline_.pca()->n_components() : 1;
  const Eigen::Index per_row = static_cast<Eigen::Index>(pipeline_.input_features()) * projected +
                               static_cast<Eigen::Index>(pipeline_.feature_count()) * pipeline_.model().n_classes();
  const Eigen::Index block = std::max<Eigen::Index>(16, 5000000 / std::max<Eigen::Index>(1, per_row));
  while (!done()) {
    const Eigen::Index count = std::min(block, rows_.rows - next_row_);
    rows_.fill(next_row_, count, block_);
    features_.resize(count, pipeline_.feature_count());
    pipeline_.transform_rows(block_, features_);
    scores_.middleRows(next_row_, count) = pipeline_.model().decision_function(features_);
    probabilities_.middleRows(next_row_, count) =
        pipeline_.model().probabilities_from_scores(scores_.middleRows(next_row_, count));
    for (Eigen::Index i = 0; i < count; ++i) {
      Eigen::Index best;
      probabilities_.row(next_row_ + i).maxCoeff(&best);
      predictions_[static_cast<std::size_t>(next_row_ + i)] = static_cast<int>(best);
    }
    next_row_ += count;
    if (std::chrono::duration<double>(Clock::now() - started).count() >= budget_seconds) break;
  }
  return fraction();
}

ConfusionMatrix EvaluationJob::confusion() const {
  assert(done() && "EvaluationJob::confusion before the job is done");
  return confusion_matrix(labels_, predictions_, pipeline_.model().n_classes());
}

std::vector<int> EvaluationJob::misclassified() const {
  std::vector<int> rows;
  for (std::size_t i = 0; i < predictions_.size(); ++i)
    if (predictions_[i] != labels_[i]) rows.push_back(static_cast<int>(i));
  return rows;
}

}  // namespace digitlab
