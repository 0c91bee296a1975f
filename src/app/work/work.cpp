// The page's long work: the notice line, the current model, and one kind of work per frame.
#include "app/work/work.hpp"

namespace digitlab::app {

void set_notice(AppState& app, std::string text, bool error) {
  app.notice = std::move(text);
  app.notice_is_error = error;
  app.notice_for_embed = false;
}

void use_model(AppState& app, Pipeline pipeline, std::string source) {
  app.model.pipeline = std::move(pipeline);
  app.model.source = std::move(source);
  app.draw.dirty = true;  // re-predict the drawing with the new model
  app.eval.ready = false;
  app.eval.job.reset();
  start_evaluation(app);  // when there are digits to evaluate on
}

bool take_fault(AppState& app, const std::string& where) {
  if (app.fault != where) return false;
  app.fault.clear();
  return true;
}

void advance_work(AppState& app, double budget_seconds) {
  if (training_running(app)) {
    advance_training(app, budget_seconds);
    return;  // one kind of work per frame keeps the frame short
  }
  advance_evaluation(app, budget_seconds);
}

}  // namespace digitlab::app
