// The page's long work: the notice line, the current model, and one kind of work per frame.
#include "app/work/work.hpp"

namespace digitlab::app {

void set_notice(AppState& app, std::string text, bool error) {
  app.notice = std::move(text);
  app.notice_is_error = error;
  app.notice_for_embed = false;
}

void use_model(AppState& app, Pipeline pipeline, std::string source, std::shared_ptr<const Dataset> held_out) {
  EvalState& e = app.eval;
  if (app.model.pipeline) {  // the current model becomes the previous one, with its evaluation
    app.model.previous = std::move(app.model.pipeline);
    app.model.previous_source = std::move(app.model.source);
    const bool evaluated = e.job && e.job->done();
    e.previous_job = evaluated ? std::move(e.job) : nullptr;
    e.previous_digits = evaluated ? e.digits : nullptr;
  }
  app.model.pipeline = std::move(pipeline);
  app.model.source = std::move(source);
  app.model.held_out = std::move(held_out);
  app.model.no_held_out.clear();  // install_model_file says why after a model from a file
  app.draw.dirty = true;  // re-predict the drawing with the new model
  e.ready = false;
  e.job.reset();
  e.comparison.reset();
  start_evaluation(app);  // when there are digits to evaluate on
}

bool take_fault(AppState& app, const std::string& where) {
  if (app.fault != where) return false;
  app.fault.clear();
  return true;
}

bool advance_work(AppState& app, double budget_seconds) {
  // One kind of work per frame keeps the frame short.
  if (training_running(app)) return advance_training(app, budget_seconds);
  return advance_evaluation(app, budget_seconds);
}

}  // namespace digitlab::app
