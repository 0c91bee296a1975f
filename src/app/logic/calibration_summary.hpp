// What the Evaluate panel's Calibration section shows, computed once from an evaluation's
// per-digit scores and probabilities (and the same model's scores on training digits it
// did not fit): a temperature for a softmax model, Platt's a and b per class for a
// one-vs-rest one. No ImGui: tests/test_calibration.cpp checks it.
//
//   CalibrationSummary c = summarize_calibration(test_job, &validation_job, true);
//   c.fitted();  c.fit.temperature;  c.before[0].ece;  c.after[1 + 7];  // class 7 vs rest
//   c.method == CalibrationMethod::Platt;  c.platt[7].a;  // one-vs-rest: class 7's sigmoid
//   AnsweredDigits a = answer_when_sure(c.fitted() ? c.calibrated : test_job.probabilities(), ...);
#pragma once

#include <string>
#include <vector>

#include "core/jobs/evaluation_job.hpp"
#include "core/metrics/calibration.hpp"
#include "core/metrics/platt_scaling.hpp"
#include "core/metrics/temperature_scaling.hpp"

namespace digitlab::app {

// What was fitted: softmax scores divided by one T, or each one-vs-rest class's own sigmoid.
enum class CalibrationMethod { None, Temperature, Platt };

struct CalibrationSummary {
  // Why nothing was fitted, when nothing was (empty when something was).
  std::string no_fit_reason;
  CalibrationMethod method = CalibrationMethod::None;
  TemperatureFit fit;                 // Temperature: on the held-out training digits
  std::vector<PlattFit> platt;        // Platt: one per class, on the held-out training digits
  int held_out_digits = 0;            // how many the calibration was fitted on
  // Mean log-loss of the held-out digits' class probabilities, the model's and calibrated
  // (for Platt, after dividing by the row sum: not what each class's fit minimises).
  double held_out_log_loss_before = 0, held_out_log_loss_after = 0;
  Eigen::MatrixXf calibrated;         // the evaluated digits' calibrated probabilities (when fitted())
  // Reliability of the evaluated digits: [0] overall (the top class), [1 + k] digit k
  // against the rest. `after` only when fitted().
  std::vector<ReliabilityDiagram> before, after;
  double log_loss_before = 0, log_loss_after = 0;  // on the evaluated digits
  long long predictions_changed = 0;  // arg-max of the calibrated probabilities vs the model's
  ConfusionMatrix confusion_after;    // of the calibrated arg-max (when fitted())
  bool fitted() const { return no_fit_reason.empty(); }
};

// `evaluated`: the finished job on the test digits (or the learner's drawings).
// `held_out`: the finished job on the model's validation slice, or null when the page
// does not know training digits the model did not fit (`no_held_out` says why, first in
// the reason). `softmax`: the model is multinomial (temperature scaling divides softmax
// scores); otherwise one-vs-rest, and Platt scaling fits each class's score (when there is
// one score per class: a two-class model has a single score and is left as it is).
CalibrationSummary summarize_calibration(const EvaluationJob& evaluated, const EvaluationJob* held_out, bool softmax,
                                         const std::string& no_held_out = "");

}  // namespace digitlab::app
