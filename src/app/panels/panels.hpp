// One function per panel; each draws from the app state and changes it only through
// the functions of work.hpp or its own small fields.
#pragma once

#include "app/shell/app_state.hpp"

namespace digitlab {
class JsonWriter;
}

namespace digitlab::app {

void draw_panel(AppState& app);
// Height the status line at the bottom needs: two lines, or as many as its notice wraps to.
float status_room(const AppState& app);
void data_panel(AppState& app);
void train_panel(AppState& app);
// The Train panel's live weights and validation confusion matrix (train_live.cpp).
void train_live_view(AppState& app);
void evaluate_panel(AppState& app);
// Evaluate's compare view (evaluate_compare.cpp): the current model against the previous one.
void compare_view(AppState& app);
// Evaluate's Calibration section (evaluate_calibration.cpp), and its part of state()
// (evaluate_calibration_json.cpp): "method" is null, "temperature" or "platt".
void calibration_section(AppState& app);
void write_calibration_json(JsonWriter& j, const EvalState& e);
void write_calibration_method(JsonWriter& j, CalibrationMethod m);
// Its one-vs-rest parts (evaluate_platt.cpp): what Platt scaling fitted, a and b per
// class, and the confusion matrix after it.
void platt_fit_text(AppState& app);
void platt_table(const AppState& app);
void platt_matrix(AppState& app);
// One class's own threshold, from the threshold question, before and after calibration
// (evaluate_class_threshold.cpp).
void class_threshold_table(AppState& app);

// The Draw panel's "Why this digit?" map under the drawing (draw_explanation.cpp).
void draw_explanation(AppState& app);

// The learner's own test set on the Draw panel (draw_my_drawings.cpp): the "save as"
// buttons under the canvas and the gallery under everything.
void save_drawing_buttons(AppState& app);
void my_drawings_gallery(AppState& app);

// Re-runs the model on the drawing when strokes or the model changed.
void update_prediction(AppState& app);
// The Draw panel's headline for its prediction: the model's own probability of the
// predicted class (softmax; for a one-vs-rest model its sigmoids scaled to sum to 1, as
// Evaluate and scikit-learn's predict_proba give it) and that probability's name; value
// < 0 while nothing is predicted. The screen reader hears the same (access_json.cpp).
struct HeadlineProbability {
  const char* name = "softmax";
  double value = -1;
};
HeadlineProbability headline_probability(const AppState& app);

// Shows test digit `index` (or, for index < 0, one picked at random) in the Draw panel in
// place of the strokes, and predicts it; returns the index shown, or -1 when the test set
// is not loaded (or its images are not 28x28) or `index` is out of range.
int use_test_digit(AppState& app, int index);
// Takes back the last stroke (the Undo button).
void undo_stroke(AppState& app);

}  // namespace digitlab::app
