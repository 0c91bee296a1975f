#include "app/shell/access_json.hpp"

#include <algorithm>

#include "app/chapters/chapters.hpp"
#include "app/panels/panels.hpp"
#include "app/work/work.hpp"

namespace digitlab::app {

namespace {

// The four main panels have no lesson text; these say what each shows, for a listener.
std::string main_panel_text(Panel panel, const ClassNames& names) {
  const std::string& item = names.item;
  switch (panel) {
    case Panel::Draw:
      return "Draw " + std::string(names.digits() ? "a " : "an ") + item +
             " with the mouse or a finger, or use a test " + item +
             " (key R). The model's prediction and its ten class probabilities, softmax and sigmoid, follow the "
             "drawing.";
    case Panel::Data:
      return names.digits() ? "MNIST's handwritten digits with their labels: 60,000 for training and 10,000 for "
                              "testing, in a gallery that can be filtered by digit."
                            : names.title + "'s pictures of clothing with their labels: 60,000 for training and "
                              "10,000 for testing, in a gallery that can be filtered by class. A dataset switch "
                              "above the gallery goes back to MNIST's digits.";
    case Panel::Train:
      return "Choose a preset or each setting (training digits, scaling, PCA, polynomial features, C, model, "
             "solver), then Train (key T). Progress and the accuracy on the validation slice are announced; Stop "
             "(key S) keeps the model so far.";
    case Panel::Evaluate:
      return "The model on the test " + names.items + ": accuracy, the confusion matrix (rows are the true " + item +
             ", columns the predicted one) and precision, recall and F1 per class, in the tables below.";
    default:
      return "";
  }
}

void write_scores(JsonWriter& j, const char* name, const AveragedScores& a) {
  j.key(name).begin_object().key("precision").value(a.precision).key("recall").value(a.recall)
      .key("f1").value(a.f1).end_object();
}

// The Calibration section's figures (panels/evaluate_calibration.cpp), for a listener.
void write_calibration_figures(JsonWriter& j, const EvalState& e) {
  j.key("calibration");
  if (!e.calibration || e.calibration->before.empty()) {
    j.null();
    return;
  }
  const CalibrationSummary& c = *e.calibration;
  j.begin_object().key("fitted").value(c.fitted()).key("reason").value(c.no_fit_reason)
      .key("bins").value(kCalibrationBins).key("ece_before").value(c.before[0].ece)
      .key("log_loss_before").value(c.log_loss_before);
  write_calibration_method(j, c.method);
  if (c.method == CalibrationMethod::Temperature) j.key("temperature").value(c.fit.temperature);
  if (c.method == CalibrationMethod::Platt) {  // one {a, b} per class, in the classes' order
    j.key("platt").begin_array();
    for (const PlattFit& f : c.platt) j.begin_object().key("a").value(f.a).key("b").value(f.b).end_object();
    j.end_array();
  }
  if (c.fitted())
    j.key("held_out_digits").value(c.held_out_digits).key("ece_after").value(c.after[0].ece)
        .key("log_loss_after").value(c.log_loss_after).key("predictions_changed").value(c.predictions_changed);
  j.key("threshold").value(static_cast<double>(e.answer_threshold));
  if (e.answered_at == e.answer_threshold) {
    j.key("answered_before").value(e.answered_before.answered).key("correct_before").value(e.answered_before.correct);
    if (c.fitted())
      j.key("answered_after").value(e.answered_after.answered).key("correct_after").value(e.answered_after.correct);
  }
  const EvalState::ClassThreshold& ct = e.class_threshold;  // the threshold question's class and threshold
  if (ct.digit >= 0 && ct.evaluation == e.number) {
    j.key("class_threshold").begin_object().key("digit").value(ct.digit)
        .key("threshold").value(static_cast<double>(ct.threshold))
        .key("yes_before").value(ct.before.tp + ct.before.fp).key("right_before").value(ct.before.tp);
    if (c.fitted()) j.key("yes_after").value(ct.after.tp + ct.after.fp).key("right_after").value(ct.after.tp);
    j.end_object();
  }
  j.end_object();
}

void write_evaluation(JsonWriter& j, const EvalState& e) {
  j.key("evaluation");
  if (!e.ready) {
    j.null();
    return;
  }
  const ClassReport& r = e.report;
  j.begin_object().key("accuracy").value(r.accuracy).key("total").value(r.total);
  j.key("confusion").begin_array();
  for (Eigen::Index t = 0; t < e.confusion.rows(); ++t) {
    j.begin_array();
    for (Eigen::Index p = 0; p < e.confusion.cols(); ++p) j.value(e.confusion(t, p));
    j.end_array();
  }
  j.end_array().key("classes").begin_array();
  for (std::size_t k = 0; k < r.support.size(); ++k)
    j.begin_object().key("precision").value(r.precision[k]).key("recall").value(r.recall[k])
        .key("f1").value(r.f1[k]).key("support").value(r.support[k]).end_object();
  j.end_array();
  write_scores(j, "macro", r.macro);
  write_scores(j, "weighted", r.weighted);
  j.key("comparison");  // the compare view's figures, once the previous model is evaluated too
  if (const auto& c = e.comparison) {
    j.begin_object().key("previous_accuracy").value(c->before_report.accuracy)
        .key("previous_macro_f1").value(c->before_report.macro.f1)
        .key("fixed").value(static_cast<long long>(c->fixed.size()))
        .key("broken").value(static_cast<long long>(c->broken.size())).end_object();
  } else {
    j.null();
  }
  write_calibration_figures(j, e);
  j.end_object();
}

}  // namespace

void write_access_json(JsonWriter& j, const AppState& s) {
  const PanelInfo& info = panel_info(s.panel);
  j.begin_object();
  j.key("panel").value(info.key).key("title").value(info.title);
  j.key("text").value(*info.lesson ? std::string(info.lesson) : main_panel_text(s.panel, *s.classes));
  // What the classes are called (web/access.js names predictions and table rows with them).
  j.key("dataset").value(s.classes->title).key("item").value(s.classes->item).key("class_names").begin_array();
  for (const std::string& name : s.classes->names) j.value(name);
  j.end_array();
  j.key("embedded").value(s.chapters.embedded);

  const LessonState& l = s.chapters.lesson;
  const int steps = static_cast<int>(lesson_steps().size());
  j.key("lesson").begin_object().key("active").value(l.active).key("step").value(std::clamp(l.step, 0, steps - 1) + 1)
      .key("steps").value(steps).end_object();

  const DrawState& d = s.draw;
  j.key("model").value(s.model.pipeline.has_value());
  j.key("prediction");
  if (d.prediction >= 0) j.value(d.prediction); else j.null();
  j.key("softmax");
  if (d.prediction >= 0 && d.prediction < d.softmax.size()) j.value(static_cast<double>(d.softmax(d.prediction))); else j.null();
  // The model's own probability, as the Draw panel heads it.
  const HeadlineProbability p = headline_probability(s);
  j.key("probability_name").value(p.name).key("probability");
  if (p.value >= 0) j.value(p.value); else j.null();
  j.key("test_digit");
  if (d.test_digit >= 0 && s.data.test && d.test_digit < s.data.test->size())
    j.begin_object().key("index").value(d.test_digit)
        .key("label").value(s.data.test->labels[static_cast<std::size_t>(d.test_digit)]).end_object();
  else
    j.null();
  j.key("test_digits").value(s.data.test ? s.data.test->size() : 0);

  j.key("training").begin_object();
  j.key("running").value(training_running(s));
  if (s.train.has_run()) {
    const FitProgress& p = s.train.progress();
    j.key("stage").value(to_string(p.stage)).key("progress").value(p.fraction)
        .key("iteration").value(p.training.iteration).key("digits").value(s.train.fit_digits)
        .key("status").value(p.stage == FitStage::Done ? to_string(p.training.status) : "running");
  } else if (!s.train.outcome.empty()) {
    j.key("status").value("failed").key("message").value(s.train.outcome);
  }
  j.key("accuracy");  // the last point of the validation accuracy curve (one a pass), and its pass
  if (!s.train.accuracy_curve.empty()) j.value(static_cast<double>(s.train.accuracy_curve.back())); else j.null();
  j.key("accuracy_pass").value(s.train.report.accuracy_first_pass + static_cast<int>(s.train.accuracy_curve.size()) - 1);
  j.key("rule_text").value(settled_rule_view(s).text);  // what the accuracy curve's shading shows
  j.end_object();

  write_evaluation(j, s.eval);
  j.key("notice").value(s.notice).key("notice_is_error").value(s.notice_is_error);
  j.end_object();
}

}  // namespace digitlab::app
