#include "core/jobs/validated_fit_job.hpp"

#include <algorithm>

namespace digitlab {

ValidatedFitJob::ValidatedFitJob(PipelineSettings settings, RowSource rows, Labels labels,
                                 std::shared_ptr<const Dataset> validation, StopRule rule, CurvePace pace,
                                 int n_classes)
    : job_(settings, std::move(rows), std::move(labels), n_classes), validation_(std::move(validation)),
      watch_(rule), pace_(pace) {
  job_.set_pass_callback([this](const LogisticRegressionTrainer& trainer) {
    loss_by_pass_.push_back(static_cast<float>(trainer.progress().loss));
    if (pace_ == CurvePace::AtFirstPass) prepare_curve(curve_target());
    const bool ready = !curve_labels_.empty() && curve_rows_ready_ == static_cast<int>(curve_labels_.size());
    return ready ? watch_.after_pass(trainer, curve_features_, curve_labels_) : std::string();
  });
}

// The curve's digits are held as model features: with hundreds of thousands of them
// (degree 2 without PCA) fewer digits, so they stay within kCurveBytes and a curve
// point stays a few tens of milliseconds.
int ValidatedFitJob::curve_target() const {
  if (!validation_ || !job_.has_model()) return 0;
  const double feature_bytes = 4.0 * std::max<double>(1, static_cast<double>(job_.training_features().feature_count));
  return std::min(validation_->size(), std::max(50, static_cast<int>(kCurveBytes / feature_bytes)));
}

void ValidatedFitJob::prepare_curve(int max_rows) {
  const int n = curve_target();
  if (curve_rows_ready_ >= n || max_rows <= 0) return;
  const Pipeline so_far = job_.pipeline();
  if (curve_rows_ready_ == 0) {
    curve_features_.resize(n, so_far.feature_count());
    curve_labels_.assign(validation_->labels.begin(), validation_->labels.begin() + n);
  }
  const int count = std::min(max_rows, n - curve_rows_ready_);
  so_far.transform_rows(validation_->pixels.middleRows(curve_rows_ready_, count).cast<float>(),
                        curve_features_.middleRows(curve_rows_ready_, count));
  curve_rows_ready_ += count;
}

void ValidatedFitJob::step(double budget_seconds) {
  job_.step(budget_seconds * 0.7);  // the rest for the accuracy curve
  if (pace_ != CurvePace::BlockPerStep || job_.progress().stage != FitStage::Training) return;
  const double feature_values = std::max<double>(1, static_cast<double>(job_.training_features().feature_count));
  prepare_curve(std::clamp(static_cast<int>(2e6 / feature_values), 1, 250));
}

}  // namespace digitlab
