// What the Evaluate panel's Calibration section shows, computed once from an evaluation's
// per-digit scores and probabilities (and, for a temperature, the same model's scores on
// training digits it did not fit). No ImGui: tests/test_calibration.cpp checks it.
//
//   CalibrationSummary c = summarize_calibration(test_job, &validation_job, true);
//   c.fitted();  c.fit.temperature;  c.before[0].ece;  c.after[1 + 7];  // class 7 vs rest
//   AnsweredDigits a = answer_when_sure(c.fitted() ? c.calibrated : test_job.probabilities(), ...);
#pragma once

#include <string>
#include <vector>

#include "core/jobs/evaluation_job.hpp"
#include "core/metrics/calibration.hpp"
#include "core/metrics/temperature_scaling.hpp"

namespace digitlab::app {

struct CalibrationSummary {
  // Why there is no temperature, when there is none (empty when there is one).
  std::string no_fit_reason;
  TemperatureFit fit;                 // on the held-out training digits, when fitted()
  int held_out_digits = 0;            // how many the temperature was fitted on
  Eigen::MatrixXf calibrated;         // the evaluated digits' probabilities at T (when fitted())
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
// scores; one-vs-rest is left as it is).
CalibrationSummary summarize_calibration(const EvaluationJob& evaluated, const EvaluationJob* held_out, bool softmax,
                                         const std::string& no_held_out = "");

}  // namespace digitlab::app
