// The Evaluate panel's work: the current model on the test digits, a block per frame.
#include "app/work/work.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "core/data/byte_source.hpp"
#include "app/chapters/chapter_precomputed.hpp"
#include "app/chapters/chapters.hpp"
#include "core/data/data_dir.hpp"
#include "app/work/file_status.hpp"
#include "core/data/idx_file.hpp"
#include "core/linear_model/model_file.hpp"
#include "core/data/row_source.hpp"
#include "core/data/split.hpp"
#include "core/linear_model/training_estimate.hpp"

namespace digitlab::app {
void start_evaluation(AppState& app) {
  EvalState& e = app.eval;
  // MNIST's test digits, or the learner's own drawings (work/my_drawings.hpp).
  const std::shared_ptr<const Dataset>& digits = e.on_mine ? app.mine.set : app.data.test;
  if (e.on_mine && (!digits || digits->size() == 0)) {
    e.job.reset();
    e.ready = false;
    return;
  }
  if (!app.model.pipeline || !digits) return;
  e.digits = digits;
  try {
    e.job = std::make_unique<EvaluationJob>(*app.model.pipeline, rows_of(e.digits), e.digits->labels);
    ++e.number;
  } catch (const std::exception& error) {
    e.job.reset();
    set_notice(app, std::string("cannot evaluate: ") + error.what(), true);
  }
  e.ready = false;
  e.held_out_job.reset();
  e.calibration.reset();
  e.answered_at = -1;
  e.selected_true = e.selected_pred = -1;
  e.cell_key.clear();
  e.wrong_key.clear();
  e.comparison.reset();
  e.compare_key.clear();
  // The previous model on the same digits, unless its finished job already ran on them.
  if (app.model.previous && e.previous_digits != e.digits) {
    try {
      e.previous_job = std::make_unique<EvaluationJob>(*app.model.previous, rows_of(e.digits), e.digits->labels);
      e.previous_digits = e.digits;
    } catch (const std::exception& error) {  // a previous model that cannot read these digits
      e.previous_job.reset();
      e.previous_digits.reset();
      set_notice(app, std::string("cannot compare with the previous model: ") + error.what(), true);
    }
  }
}

namespace {

// After the current model's evaluation: the previous model's, then the two compared.
bool advance_comparison(EvalState& e, double budget_seconds) {
  if (!e.previous_job || e.comparison || e.previous_digits != e.digits) return false;
  if (!e.previous_job->done()) {
    e.previous_job->step(budget_seconds);
    if (!e.previous_job->done()) return true;
  }
  e.comparison = compare_models(e.job->labels(), e.previous_job->predictions(), e.job->predictions(),
                                static_cast<int>(e.confusion.rows()));
  return true;
}

}  // namespace

bool advance_evaluation(AppState& app, double budget_seconds) {
  EvalState& e = app.eval;
  if (!e.job) return false;
  if (e.ready) {
    if (!e.calibration) {  // the calibration first (it catches its own failures), then the comparison
      advance_calibration(app, budget_seconds);
      return true;
    }
    try {
      return advance_comparison(e, budget_seconds);
    } catch (const std::exception& error) {
      e.previous_job.reset();
      set_notice(app, "comparing with the previous model failed: " + failure_text(error), true);
      return true;
    }
  }
  try {
    if (take_fault(app, "evaluate")) throw std::runtime_error("a fault injected by window.digitlab.injectFault");
    e.job->step(budget_seconds);
    if (e.job->done()) {
      e.confusion = e.job->confusion();
      e.report = classification_report(e.confusion);
      e.misclassified = e.job->misclassified();
      e.ready = true;
      start_calibration(app);
    }
  } catch (const std::exception& error) {
    e.job.reset();
    set_notice(app, "evaluation failed: " + failure_text(error) + ". Train or load a model to evaluate again.",
               true);
  }
  return true;
}

}  // namespace digitlab::app
