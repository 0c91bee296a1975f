// The compare view's figures for window.digitlab.state().
#include "app/shell/compare_json.hpp"

namespace digitlab::app {

void write_comparison_json(JsonWriter& j, const AppState& s) {
  j.key("previous_model");
  if (s.model.previous) j.value(s.model.previous_source); else j.null();
  j.key("previous_prediction");
  if (s.draw.previous_prediction >= 0) j.value(s.draw.previous_prediction); else j.null();
  j.key("previous_softmax").begin_array();
  for (Eigen::Index k = 0; k < s.draw.previous_softmax.size(); ++k) j.value(static_cast<double>(s.draw.previous_softmax(k)));
  j.end_array();
  j.key("compare");
  const auto& c = s.eval.comparison;
  if (!c || !s.eval.ready) {
    j.null();
    return;
  }
  j.begin_object()
      .key("view_shown").value(s.eval.compare_view)
      .key("previous_accuracy").value(c->before_report.accuracy)
      .key("current_accuracy").value(c->after_report.accuracy)
      .key("previous_macro_f1").value(c->before_report.macro.f1)
      .key("current_macro_f1").value(c->after_report.macro.f1)
      .key("fixed").value(static_cast<long long>(c->fixed.size()))
      .key("broken").value(static_cast<long long>(c->broken.size()));
  j.key("previous_confusion").begin_array();
  for (Eigen::Index t = 0; t < c->before.rows(); ++t) {
    j.begin_array();
    for (Eigen::Index p = 0; p < c->before.cols(); ++p) j.value(c->before(t, p));
    j.end_array();
  }
  j.end_array().key("difference").begin_array();
  for (Eigen::Index t = 0; t < c->difference.rows(); ++t) {
    j.begin_array();
    for (Eigen::Index p = 0; p < c->difference.cols(); ++p) j.value(c->difference(t, p));
    j.end_array();
  }
  j.end_array().end_object();
}

}  // namespace digitlab::app
