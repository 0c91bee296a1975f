// The compare view's figures for window.digitlab.state(): the previous model against the
// current one on the same digits (work/evaluation.cpp computes them).
#pragma once

#include "app/shell/app_state.hpp"
#include "core/common/json_writer.hpp"

namespace digitlab::app {

// "previous_model" (its source or null), "previous_prediction" and "previous_softmax" for
// the drawing, and "compare": null until both evaluations are done, else both reports'
// accuracy and macro F1, the difference matrix (current minus previous) and the counts of
// digits fixed and broken.
void write_comparison_json(JsonWriter& j, const AppState& s);

}  // namespace digitlab::app
