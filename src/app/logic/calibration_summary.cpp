#include "app/logic/calibration_summary.hpp"

#include <cassert>

namespace digitlab::app {

namespace {

std::vector<ReliabilityDiagram> diagrams(const Eigen::MatrixXf& p, const Labels& labels) {
  std::vector<ReliabilityDiagram> all{top_class_reliability(p, labels)};
  for (int k = 0; k < p.cols(); ++k) all.push_back(class_reliability(p, labels, k));
  return all;
}

std::string why_not_fitted(const EvaluationJob& evaluated, const EvaluationJob* held_out, bool softmax,
                           const std::string& no_held_out) {
  if (!softmax && evaluated.scores().cols() != evaluated.probabilities().cols())
    return "Platt scaling fits one sigmoid per class score; this model has a single score for its two classes, "
           "so its probabilities are shown as they are.";
  if (!held_out || held_out->labels().empty())
    return (no_held_out.empty() ? "The page knows no training digits this model did not fit." : no_held_out) +
           " The test digits must not be used to choose " + (softmax ? "it" : "them") +
           ". Train a model in the Train panel: it holds out a validation slice of training digits, and " +
           (softmax ? "its temperature is" : "its calibration is") + " fitted on those.";
  return "";
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
  c.no_fit_reason = why_not_fitted(evaluated, held_out, softmax, no_held_out);
  if (!c.fitted()) return c;
  c.held_out_digits = static_cast<int>(held_out->labels().size());
  if (softmax) {
    c.method = CalibrationMethod::Temperature;
    c.fit = fit_temperature(held_out->scores(), held_out->labels());
    c.held_out_log_loss_before = c.fit.log_loss_before;
    c.held_out_log_loss_after = c.fit.log_loss_after;
    c.calibrated = softmax_with_temperature(evaluated.scores(), c.fit.temperature);
    c.log_loss_after = temperature_log_loss(evaluated.scores(), labels, c.fit.temperature);
  } else {
    c.method = CalibrationMethod::Platt;
    c.platt = fit_platt_per_class(held_out->scores(), held_out->labels());
    c.held_out_log_loss_before = log_loss(held_out->probabilities(), held_out->labels());
    c.held_out_log_loss_after = log_loss(platt_probabilities(held_out->scores(), c.platt), held_out->labels());
    c.calibrated = platt_probabilities(evaluated.scores(), c.platt);
    c.log_loss_after = log_loss(c.calibrated, labels);
  }
  c.after = diagrams(c.calibrated, labels);
  // A temperature keeps every arg-max; Platt's per-class a and b can move it.
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
