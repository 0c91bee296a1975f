// Draw: a canvas for a digit, the 28x28 image the model sees, and the ten class
// probabilities (softmax and per-class sigmoid) moving as the stroke grows.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "core/linear_model/logistic_regression.hpp"
#include "app/panels/panels.hpp"
#include "app/widgets/glossary_ui.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/widgets.hpp"
#include "app/work/file_status.hpp"

namespace digitlab::app {

namespace {

// The canvas's brush, for the eye only: the 28x28 image is drawn again with MNIST's pen
// width after the strokes are scaled (core/data/digit_drawing.hpp).
constexpr float kBrushRadius = 11.0f;  // canvas units of 280

void canvas(AppState& app, float size) {
  DrawState& d = app.draw;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  d.canvas_x = origin.x;
  d.canvas_y = origin.y;
  d.canvas_size = size;
  ImGui::InvisibleButton("canvas", ImVec2(size, size));
  const float scale = size / DrawState::kSide;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const Eigen::Vector2f point((mouse.x - origin.x) / scale, (mouse.y - origin.y) / scale);
  // A stroke starts under a pointer, not when keyboard navigation presses the canvas.
  if (ImGui::IsItemActivated() && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    if (d.test_digit >= 0) {  // drawing starts afresh on an empty canvas
      d.strokes.clear();
      d.test_digit = -1;
    }
    d.strokes.push_back(Stroke{{point}});
    d.redo.clear();
    d.stroke_active = true;
    d.dirty = true;
  } else if (ImGui::IsItemActive() && d.stroke_active) {
    Stroke& s = d.strokes.back();
    if ((s.points.back() - point).norm() >= 1.5f) {
      s.points.push_back(point);
      d.dirty = true;
    }
  }
  if (ImGui::IsItemDeactivated()) d.stroke_active = false;

  draw->AddRectFilled(origin, ImVec2(origin.x + size, origin.y + size), IM_COL32(0, 0, 0, 255), 6.0f);
  draw->PushClipRect(origin, ImVec2(origin.x + size, origin.y + size), true);
  const float thickness = 2 * kBrushRadius * scale;
  for (const Stroke& s : d.strokes) {
    for (std::size_t i = 0; i < s.points.size(); ++i) {
      const ImVec2 a(origin.x + s.points[i].x() * scale, origin.y + s.points[i].y() * scale);
      draw->AddCircleFilled(a, thickness / 2, IM_COL32_WHITE, 20);
      if (i + 1 < s.points.size())
        draw->AddLine(a, ImVec2(origin.x + s.points[i + 1].x() * scale, origin.y + s.points[i + 1].y() * scale),
                      IM_COL32_WHITE, thickness);
    }
  }
  draw->PopClipRect();
  if (d.test_digit >= 0 && d.digit && d.preview.has_image()) {  // the test digit, as the model sees it
    draw->AddImage(d.preview.imgui_id(), origin, ImVec2(origin.x + size, origin.y + size));
  } else if (d.strokes.empty()) {
    const std::string text = "draw " + std::string(app.classes->digits() ? "a " : "an ") + app.classes->item + " here";
    const char* hint = text.c_str();
    const ImVec2 ts = ImGui::CalcTextSize(hint);
    draw->AddText(ImVec2(origin.x + (size - ts.x) / 2, origin.y + (size - ts.y) / 2), IM_COL32(120, 120, 120, 255), hint);
  }
}

// "Use a test digit": for learners who cannot draw with a pointer; the arrow keys and
// Space reach it like any button.
void test_digit_line(AppState& app) {
  const Dataset* test = app.data.test.get();
  ImGui::BeginDisabled(!test);
  const std::string button = "Use a test " + app.classes->item + "###use_test_digit";
  if (ImGui::Button(button.c_str())) use_test_digit(app, -1);
  ImGui::EndDisabled();
  // Beside the button when it fits, else wrapped below it (a phone's canvas column).
  const ClassNames& names = *app.classes;
  char text[96] = "";
  if (!test)
    std::snprintf(text, sizeof text, "(once the test %s have loaded)", names.items.c_str());
  else if (app.draw.test_digit >= 0)
    std::snprintf(text, sizeof text, "test %s #%d, labelled %s", names.item.c_str(), app.draw.test_digit,
                  names.name(test->labels[static_cast<std::size_t>(app.draw.test_digit)]).c_str());
  if (!text[0]) return;
  same_line_if_fits(text);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

}  // namespace

int use_test_digit(AppState& app, int index) {
  const Dataset* test = app.data.test.get();
  if (!test || test->size() == 0 || test->pixel_count() != 784) return -1;
  if (index < 0)  // Knuth's multiplicative hash of a counter: a new digit each time
    index = static_cast<int>((++app.draw.test_digits_picked * 2654435761u) % static_cast<unsigned>(test->size()));
  if (index >= test->size()) return -1;
  DrawState& d = app.draw;
  d.strokes.clear();
  d.redo.clear();
  d.test_digit = index;
  d.dirty = true;
  update_prediction(app);
  return index;
}

void undo_stroke(AppState& app) {
  DrawState& d = app.draw;
  if (d.strokes.empty()) return;
  d.redo.push_back(d.strokes.back());
  d.strokes.pop_back();
  d.dirty = true;
}

void update_prediction(AppState& app) {
  DrawState& d = app.draw;
  if (!d.dirty) return;
  d.dirty = false;
  const Dataset* test = app.data.test.get();
  if (d.test_digit >= 0 && test && d.test_digit < test->size())
    d.digit = test->pixels.row(d.test_digit).cast<float>();
  else
    d.digit = mnist_digit(d.strokes, &d.normalization);
  d.prediction = -1;
  d.explanation.dirty = true;
  d.softmax.resize(0);
  d.sigmoid.resize(0);
  d.previous_softmax.resize(0);
  d.previous_prediction = -1;
  if (d.digit) {
    std::vector<std::uint8_t> gray(784);
    for (int i = 0; i < 784; ++i) gray[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>((*d.digit)(i));
    upload_gray(d.preview, gray.data(), 28, 28);
  }
  if (!d.digit || !app.model.pipeline) return;
  const Matrix x = *d.digit;
  const Eigen::MatrixXf scores = app.model.pipeline->decision_function(x);
  if (scores.cols() < 2) return;  // a binary model has no ten classes to show
  d.softmax = softmax(scores).row(0).transpose();
  d.sigmoid = sigmoid(scores).row(0).transpose();
  Eigen::Index best;
  scores.row(0).maxCoeff(&best);
  d.prediction = static_cast<int>(best);
  if (!app.model.previous) return;
  const Eigen::MatrixXf before = app.model.previous->decision_function(x);
  if (before.cols() != scores.cols()) return;
  d.previous_softmax = softmax(before).row(0).transpose();
  before.row(0).maxCoeff(&best);
  d.previous_prediction = static_cast<int>(best);
}

HeadlineProbability headline_probability(const AppState& app) {
  const DrawState& d = app.draw;
  HeadlineProbability p;
  if (d.prediction < 0 || d.prediction >= d.softmax.size() || !app.model.pipeline) return p;
  if (app.model.pipeline->settings().model.multi_class == MultiClass::OneVsRest && d.sigmoid.sum() > 0) {
    p.name = "sigmoids scaled to 1";
    p.value = d.sigmoid(d.prediction) / d.sigmoid.sum();
  } else {
    p.value = d.softmax(d.prediction);
  }
  return p;
}

namespace {

// The model before the current one on the same drawing: its answer, and its bars on request.
void previous_model_bars(AppState& app, float width, float height) {
  DrawState& d = app.draw;
  if (!app.model.previous) return;
  ImGui::Checkbox("compare with the previous model", &d.show_previous);
  if (d.previous_prediction >= 0) {
    same_line_if_fits("previous: Ankle boot (100.0%)");
    ImGui::Text("previous: %s (%.1f%%)", app.classes->name(d.previous_prediction).c_str(),
                100.0f * d.previous_softmax(d.previous_prediction));
  }
  if (!d.show_previous) return;
  ImGui::TextUnformatted("the previous model's softmax");
  probability_bars("previous_softmax", d.previous_prediction >= 0 ? d.previous_softmax.data() : nullptr, 10,
                   d.previous_prediction, ImVec2(width, height), app.classes);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  ImGui::TextDisabled("previous model: %s", app.model.previous_source.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace

// Canvas, preview and bars side by side on a wide screen; on a tablet the bars go below
// the canvas and preview; on a phone everything stacks: canvas, then the preview with the
// prediction beside it, then the bars, full width.
void draw_panel(AppState& app) {
  DrawState& d = app.draw;
  update_prediction(app);
  constexpr float kCanvasMin = 200, kCanvasMax = 460, kPreviewColumn = 200, kBarsMin = 260;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const Row three({kCanvasMin, kPreviewColumn, kBarsMin});
  const Row two({kCanvasMin, kPreviewColumn});
  const float beside = three.side_by_side() ? avail.x * 0.42f
                       : two.side_by_side() ? avail.x - kPreviewColumn - ImGui::GetStyle().ItemSpacing.x
                                            : avail.x;
  const float size = std::clamp(std::min(avail.y - 60 - ImGui::GetFrameHeightWithSpacing(), beside), kCanvasMin, std::min(kCanvasMax, avail.x));

  begin_column(size);
  canvas(app, size);
  if (ImGui::Button("Clear")) {
    d.strokes.clear();
    d.redo.clear();
    d.dirty = true;
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(d.strokes.empty());
  if (ImGui::Button("Undo")) {
    d.redo.push_back(d.strokes.back());
    d.strokes.pop_back();
    d.dirty = true;
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(d.redo.empty());
  if (ImGui::Button("Redo")) {
    d.strokes.push_back(d.redo.back());
    d.redo.pop_back();
    d.dirty = true;
  }
  ImGui::EndDisabled();
  test_digit_line(app);
  // The learner's own test set is of digits, labelled 0-9 (work/my_drawings.hpp).
  if (app.classes->digits()) save_drawing_buttons(app);
  end_column();

  two.next();
  const ImVec2 preview(140, 140);
  // Stacked (a phone): the prediction beside the preview, in the line's full width.
  const bool stacked = !two.side_by_side();
  begin_column(stacked ? Row::rest() : kPreviewColumn);
  ImGui::TextDisabled("what the model sees (28x28)");
  if (d.digit && d.preview.has_image()) {
    ImGui::Image(d.preview.imgui_id(), preview);
  } else {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + preview.x, p.y + preview.y), IM_COL32(0, 0, 0, 255));
    ImGui::Dummy(preview);
  }
  if (stacked) ImGui::SameLine(); else ImGui::Spacing();
  ImGui::BeginGroup();
  if (!app.model.pipeline) {
    if (!failed_files_line(app, {kModelFile}, "Drawing needs a model: Retry, or train one in the Train panel.",
                           std::max(std::min(Row::rest(), kPreviewColumn), 120.0f)))
      ImGui::TextWrapped("The model is loading...");
  } else if (d.prediction < 0) {
    ImGui::TextWrapped("Draw %s %s: an empty canvas predicts nothing.", app.classes->digits() ? "a" : "an",
                       app.classes->item.c_str());
  } else {
    ImGui::TextDisabled("prediction");
    // A class name ("Ankle boot") at the digit's size would not fit the preview's column.
    big_text(app.classes->name(d.prediction).c_str(), app.classes->digits() ? 4.0f : 1.6f, accent_color());
    const HeadlineProbability p = headline_probability(app);
    ImGui::Text("%s %.1f%%", p.name, 100 * p.value);
  }
  ImGui::EndGroup();
  if (d.digit && d.test_digit < 0) {
    // The one line on what was done to the drawing, so the preview's look is explained.
    const DrawingNormalization& n = d.normalization;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(std::min(Row::rest(), kPreviewColumn), 120.0f));
    ImGui::TextDisabled("strokes' box %.0fx%.0f (canvas units) scaled into 20x20, drawn with a %.0f px pen "
                        "like MNIST's strokes, moved %+.0f,%+.0f px to centre its mass in 28x28",
                        n.box_width, n.box_height, n.pen_width, n.shift_x, n.shift_y);
    ImGui::PopTextWrapPos();
  }
  end_column();

  if (three.side_by_side()) ImGui::SameLine(); else ImGui::Spacing();
  const float width = Row::rest();
  begin_column(width);
  const float bars_h = std::max(120.0f, (size - 4 * ImGui::GetTextLineHeightWithSpacing()) / 2);
  const bool has = d.prediction >= 0;
  ImGui::TextUnformatted("softmax: exp(z_k) / sum_j exp(z_j), sums to 1");
  probability_bars("softmax", has ? d.softmax.data() : nullptr, 10, d.prediction, ImVec2(width, bars_h), app.classes);
  ImGui::TextUnformatted("sigmoid: 1 / (1 + exp(-z_k)), one per class, each on its own");
  probability_bars("sigmoid", has ? d.sigmoid.data() : nullptr, 10, d.prediction, ImVec2(width, bars_h), app.classes);
  if (app.model.pipeline && app.model.pipeline->settings().model.multi_class == MultiClass::Multinomial)
    ImGui::TextWrapped("This is a softmax model: only the differences between its scores matter, so several "
                       "sigmoids can be near 1 at once. A one-vs-rest model (Train panel) gives sigmoids that "
                       "each answer \"is it this class?\" on their own.");
  else if (app.model.pipeline)
    ImGui::TextWrapped("This is a one-vs-rest model: each sigmoid answers \"is it this class?\" on its own, and "
                       "its probabilities (Evaluate's) are the ten sigmoids scaled to sum to 1. The softmax bars "
                       "are the same scores read as a softmax model would read them.");
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  ImGui::TextDisabled("model: %s", app.model.source.c_str());
  ImGui::PopTextWrapPos();
  previous_model_bars(app, width, bars_h);
  end_column();
  draw_explanation(app);
  my_drawings_gallery(app);
}

}  // namespace digitlab::app
