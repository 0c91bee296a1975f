// The Evaluate panel's calibration work: once the test digits are evaluated, the same
// model on the training digits it did not fit (its validation slice), a block per frame,
// then the summary (app/logic/calibration_summary.hpp) in one go: from per-digit scores
// already computed, a few milliseconds for 10,000 digits.
#include "app/work/work.hpp"

#include "core/data/row_source.hpp"

namespace digitlab::app {

namespace {

bool softmax_model(const Pipeline& pipeline) {
  return pipeline.model().settings().multi_class == MultiClass::Multinomial && pipeline.model().n_classes() > 2;
}

// Softmax models get a temperature, one-vs-rest ones Platt's a and b per class; both need
// the held-out digits' scores. A two-class model has neither (one score).
bool calibratable(const Pipeline& pipeline) { return pipeline.model().n_classes() > 2; }

}  // namespace

void start_calibration(AppState& app) {
  EvalState& e = app.eval;
  e.held_out_job.reset();
  e.calibration.reset();
  if (!e.job || !app.model.held_out || !calibratable(e.job->pipeline())) return;
  try {
    e.held_out_job = std::make_unique<EvaluationJob>(e.job->pipeline(), rows_of(app.model.held_out),
                                                     app.model.held_out->labels);
  } catch (const std::exception&) {
    e.held_out_job.reset();  // the summary then says there are no held-out digits
  }
}

void advance_calibration(AppState& app, double budget_seconds) {
  EvalState& e = app.eval;
  try {
    if (e.held_out_job && !e.held_out_job->done()) {
      e.held_out_job->step(budget_seconds);
      if (!e.held_out_job->done()) return;
    }
    e.calibration =
        summarize_calibration(*e.job, e.held_out_job.get(), softmax_model(e.job->pipeline()), app.model.no_held_out);
  } catch (const std::exception& error) {
    // The evaluation stays; only its calibration is missing, and the panel says why.
    CalibrationSummary failed;
    failed.no_fit_reason = "The calibration could not be computed: " + failure_text(error) + ".";
    e.calibration = std::move(failed);
  }
  e.held_out_job.reset();  // its scores are summarized; the memory goes back
  e.answered_at = -1;
  refresh_answered(e);
}

void refresh_answered(EvalState& e) {
  if (!e.ready || !e.job || !e.calibration || e.answered_at == e.answer_threshold) return;
  const Labels& labels = e.job->labels();
  e.answered_before = answer_when_sure(e.job->probabilities(), labels, e.answer_threshold);
  e.answered_after = e.calibration->fitted() ? answer_when_sure(e.calibration->calibrated, labels, e.answer_threshold)
                                             : e.answered_before;
  e.answered_at = e.answer_threshold;
}

}  // namespace digitlab::app
