// Evaluate's Calibration section in state(): what the panel shows, as numbers
// (tests/e2e/calibration.test.mjs reads it). "method" is "temperature", "platt" or null.
#include "app/panels/panels.hpp"
#include "app/work/work.hpp"
#include "core/common/json_writer.hpp"

namespace digitlab::app {

void write_calibration_method(JsonWriter& j, CalibrationMethod m) {
  j.key("method");
  if (m == CalibrationMethod::None) j.null();
  else j.value(m == CalibrationMethod::Temperature ? "temperature" : "platt");
}

void write_calibration_json(JsonWriter& j, const EvalState& e) {
  j.key("calibration");
  if (!e.ready || !e.calibration || e.calibration->before.empty()) {
    j.null();
    return;
  }
  const CalibrationSummary& c = *e.calibration;
  auto bins = [&j](const char* name, const ReliabilityDiagram& d) {
    j.key(name).begin_array();
    for (const ReliabilityBin& b : d.bins)
      j.begin_object().key("lower").value(b.lower).key("upper").value(b.upper).key("count").value(b.count)
          .key("confidence").value(b.mean_confidence).key("frequency").value(b.frequency).end_object();
    j.end_array();
  };
  auto answered = [&j](const char* name, const AnsweredDigits& a) {
    j.key(name).begin_object().key("answered").value(a.answered).key("correct").value(a.correct)
        .key("total").value(a.total).key("confusion").begin_array();
    for (Eigen::Index t = 0; t < a.confusion.rows(); ++t) {
      j.begin_array();
      for (Eigen::Index p = 0; p < a.confusion.cols(); ++p) j.value(a.confusion(t, p));
      j.end_array();
    }
    j.end_array().end_object();
  };
  j.begin_object().key("fitted").value(c.fitted()).key("reason").value(c.no_fit_reason);
  j.key("bins").value(kCalibrationBins).key("ece_before").value(c.before[0].ece);
  j.key("log_loss_before").value(c.log_loss_before);
  bins("reliability_before", c.before[0]);
  write_calibration_method(j, c.method);
  if (c.method == CalibrationMethod::Temperature)
    j.key("temperature").value(c.fit.temperature).key("hit_bound").value(c.fit.hit_bound);
  else
    j.key("temperature").null();
  j.key("platt");  // one {a, b} per class: p = sigmoid(a z + b), then rows divided by their sum
  if (c.method == CalibrationMethod::Platt) {
    j.begin_array();
    for (const PlattFit& f : c.platt)
      j.begin_object().key("a").value(f.a).key("b").value(f.b).key("converged").value(f.converged).end_object();
    j.end_array();
  } else {
    j.null();
  }
  if (c.fitted()) {
    j.key("held_out_digits").value(c.held_out_digits).key("ece_after").value(c.after[0].ece);
    j.key("log_loss_after").value(c.log_loss_after);
    j.key("held_out_log_loss_before").value(c.held_out_log_loss_before)
        .key("held_out_log_loss_after").value(c.held_out_log_loss_after);
    j.key("predictions_changed").value(c.predictions_changed);
    j.key("confusion_after").begin_array();
    for (Eigen::Index t = 0; t < c.confusion_after.rows(); ++t) {
      j.begin_array();
      for (Eigen::Index p = 0; p < c.confusion_after.cols(); ++p) j.value(c.confusion_after(t, p));
      j.end_array();
    }
    j.end_array();
    bins("reliability_after", c.after[0]);
  }
  j.key("threshold").value(static_cast<double>(e.answer_threshold));
  if (e.answered_at == e.answer_threshold) {
    answered("answered_before", e.answered_before);
    if (c.fitted()) answered("answered_after", e.answered_after);
  }
  j.key("view").value(e.reliability_view);
  // The threshold question's class and threshold, as the section last showed them.
  const EvalState::ClassThreshold& ct = e.class_threshold;
  j.key("class_threshold");
  if (ct.digit >= 0 && ct.evaluation == e.number) {
    auto counts = [&j](const char* name, const BinaryCounts& b) {
      j.key(name).begin_object().key("tp").value(b.tp).key("fp").value(b.fp).key("fn").value(b.fn)
          .key("tn").value(b.tn).end_object();
    };
    j.begin_object().key("digit").value(ct.digit).key("threshold").value(static_cast<double>(ct.threshold));
    counts("before", ct.before);
    if (c.fitted()) counts("after", ct.after);
    j.end_object();
  } else {
    j.null();
  }
  j.end_object();
}

}  // namespace digitlab::app
