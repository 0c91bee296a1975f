#include "app/logic/calibration_summary.hpp"

#include <cassert>

namespace digitlab::app {

namespace {

std::vector<ReliabilityDiagram> diagrams(const Eigen::MatrixXf& p, const Labels& labels) {
  std::vector<ReliabilityDiagram> all{top_class_reliability(p, labels)};
  for (int k = 0; k < p.cols(); ++k) all.push_back(class_reliability(p, labels, k));
  return all;
}

}  // namespace

CalibrationSummary summarize_calibration(const EvaluationJob& evaluated, const EvaluationJob* held_out, bool softmax,
                                         const std::string& no_held_out) {
  assert(evaluated.done() && (!held_out || held_out->done()));
  CalibrationSummary c;
  const Labels& labels = evaluated.labels();
  c.before = diagrams(evaluated.probabilities(), labels);
  c.log_loss_before = softmax ? temperature_log_loss(evaluated.scores(), labels, 1.0)
                              : log_loss(evaluated.probabilities(), labels);
  c.log_loss_after = c.log_loss_before;
  if (!softmax)
    c.no_fit_reason = "Temperature scaling divides a softmax model's scores; this model is one-vs-rest, so its "
                      "probabilities (each digit's sigmoid, divided by their sum) are shown as they are.";
  else if (!held_out || held_out->labels().empty())
    c.no_fit_reason = (no_held_out.empty() ? "The page knows no training digits this model did not fit." : no_held_out) +
                      " The test digits must not be used to choose it. Train a model in the Train panel: it holds "
                      "out a validation slice of training digits, and its temperature is fitted on those.";
  if (!c.fitted()) return c;
  c.fit = fit_temperature(held_out->scores(), held_out->labels());
  c.held_out_digits = static_cast<int>(held_out->labels().size());
  c.calibrated = softmax_with_temperature(evaluated.scores(), c.fit.temperature);
  c.after = diagrams(c.calibrated, labels);
  c.log_loss_after = temperature_log_loss(evaluated.scores(), labels, c.fit.temperature);
  Labels calibrated_predictions(labels.size());
  for (Eigen::Index i = 0; i < c.calibrated.rows(); ++i) {
    Eigen::Index best;
    c.calibrated.row(i).maxCoeff(&best);
    calibrated_predictions[static_cast<std::size_t>(i)] = static_cast<int>(best);
    c.predictions_changed += best != evaluated.predictions()[static_cast<std::size_t>(i)];
  }
  c.confusion_after = confusion_matrix(labels, calibrated_predictions, static_cast<int>(c.calibrated.cols()));
  return c;
}

}  // namespace digitlab::app
