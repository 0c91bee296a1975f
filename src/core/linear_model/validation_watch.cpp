#include "core/linear_model/validation_watch.hpp"

#include "core/metrics/metrics.hpp"

namespace digitlab {

std::string ValidationWatch::after_pass(const LogisticRegressionTrainer& trainer, const Matrix& X, const Labels& y) {
  const TrainingProgress& p = trainer.progress();
  float value;
  const bool moved = accuracy_.empty() || p.iteration != last_iteration_ || p.problem != last_problem_;
  if (!moved) {
    value = accuracy_.back();
  } else {
    value = static_cast<float>(accuracy(y, trainer.model().predict(X)));
    last_iteration_ = p.iteration;
    last_problem_ = p.problem;
  }
  accuracy_.push_back(value);
  passes_.push_back(p.passes);
  if (rule_ != StopRule::Settled || p.problem + 1 < p.problem_count || !moved) return "";
  if (!settled_.add(value)) return "";
  return settled_.reason();
}

const char* stopped_by(TrainingStatus status) {
  switch (status) {
    case TrainingStatus::Running: return "";
    case TrainingStatus::Settled: return "settled";
    case TrainingStatus::Converged:
    case TrainingStatus::MaxIter:
    case TrainingStatus::LineSearchFailed: return "sklearn";
    case TrainingStatus::Stopped: return "user";
    case TrainingStatus::Diverged:
    case TrainingStatus::Failed: return "error";
  }
  return "";
}

const char* stopped_by_text(TrainingStatus status) {
  switch (status) {
    case TrainingStatus::Settled: return "the settled-accuracy rule";
    case TrainingStatus::Converged:
    case TrainingStatus::MaxIter:
    case TrainingStatus::LineSearchFailed: return "scikit-learn's rule (max |gradient| <= tol, or max_iter)";
    case TrainingStatus::Stopped: return "Stop";
    default: return "an error";
  }
}

}  // namespace digitlab
