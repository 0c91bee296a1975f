// The Draw panel's "Why?": for the current model and drawing, how much each pixel moved
// the predicted digit's score against another digit's (core/tutorial/score_attribution),
// as a red / blue picture with its sum. Red pixels pushed toward the prediction, blue ones
// toward the other digit; the shares add up to the change of the score difference from
// the baseline image to the drawing.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/panels/panels.hpp"
#include "app/widgets/colormap.hpp"
#include "app/widgets/glossary_ui.hpp"
#include "app/widgets/layout.hpp"

namespace digitlab::app {

namespace {

const Eigen::RowVectorXf* baseline_image(AppState& app, Explanation& e) {
  static const Eigen::RowVectorXf kEmpty = Eigen::RowVectorXf::Zero(784);
  if (!e.mean_baseline) return &kEmpty;
  if (!e.mean_digit) {
    if (!app.data.train) return nullptr;
    e.mean_digit = app.data.train->pixels.cast<float>().colwise().mean();
  }
  return &*e.mean_digit;
}

// The runner-up: the second-highest score, the digit the model nearly said.
int runner_up(const Eigen::VectorXf& probabilities, int predicted) {
  int best = -1;
  for (int k = 0; k < probabilities.size(); ++k)
    if (k != predicted && (best < 0 || probabilities(k) > probabilities(best))) best = k;
  return best;
}

void compute(AppState& app, Explanation& e) {
  const DrawState& d = app.draw;
  e.dirty = false;
  e.predicted = d.prediction;
  e.other = e.against >= 0 && e.against != d.prediction ? e.against : runner_up(d.softmax, d.prediction);
  const Eigen::RowVectorXf* baseline = baseline_image(app, e);
  if (!baseline || e.other < 0) {
    e.predicted = -1;
    return;
  }
  e.map = explain_scores(*app.model.pipeline, *d.digit, *baseline, e.predicted, e.other);
  e.largest_share = static_cast<float>(std::max(e.map.per_pixel.cwiseAbs().maxCoeff(), 1e-12));
  std::vector<std::uint8_t> gray(784);
  for (int i = 0; i < 784; ++i) {
    const double v = 0.5 + 0.5 * e.map.per_pixel(i) / e.largest_share;
    gray[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255));
  }
  upload_gray(e.picture, gray.data(), 28, 28);
}

}  // namespace

void draw_explanation(AppState& app) {
  DrawState& d = app.draw;
  Explanation& e = d.explanation;
  ImGui::Separator();
  const std::string why = "Why this " + app.classes->item + "?###why";
  if (ImGui::Checkbox(why.c_str(), &e.shown)) e.dirty = true;
  same_line_if_fits("each pixel's share of the answer");
  ImGui::TextDisabled("each pixel's share of the answer");
  if (!e.shown) return;
  if (d.prediction < 0 || !app.model.pipeline || !d.digit || d.softmax.size() < 2) {
    ImGui::TextWrapped("Draw %s %s: the map explains the model's answer for a drawing.", app.classes->digits() ? "a" : "an",
                       app.classes->item.c_str());
    return;
  }
  ImGui::SetNextItemWidth(std::min(170.0f, fit_width(170.0f)));
  const ClassNames& names = *app.classes;
  if (ImGui::BeginCombo("against", e.against < 0 ? "runner-up" : names.name(e.against).c_str())) {
    if (ImGui::Selectable("runner-up", e.against < 0)) e.against = -1, e.dirty = true;
    for (int k = 0; k < 10; ++k)
      if (k != d.prediction && ImGui::Selectable(names.name(k).c_str(), e.against == k)) e.against = k, e.dirty = true;
    ImGui::EndCombo();
  }
  same_line_if_room(190 + ImGui::CalcTextSize("baseline").x + ImGui::GetStyle().ItemInnerSpacing.x);
  int baseline = e.mean_baseline ? 1 : 0;
  ImGui::SetNextItemWidth(std::min(190.0f, fit_width(190.0f)));
  if (ImGui::Combo("baseline", &baseline, "empty image\0mean training digit\0")) {
    e.mean_baseline = baseline == 1;
    e.dirty = true;
  }
  if (e.dirty || e.predicted != d.prediction) compute(app, e);
  if (e.predicted < 0) {
    ImGui::TextWrapped("The mean digit needs the training digits, which are still loading.");
    return;
  }

  const float side = std::min(168.0f, ImGui::GetContentRegionAvail().x);
  colormap_image(e.picture, ImVec2(side, side), Colormap::Diverging);
  if (ImGui::GetContentRegionAvail().x > side + 260) ImGui::SameLine();
  ImGui::BeginGroup();
  const double change = e.map.difference - e.map.baseline_difference;
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(120.0f, Row::rest() - 8));
  ImGui::TextWrapped("Score of %s minus score of %s: %+.2f for the drawing, %+.2f for the %s.",
                     names.name(e.predicted).c_str(), names.name(e.other).c_str(), e.map.difference,
                     e.map.baseline_difference, e.mean_baseline ? ("mean " + names.item).c_str() : "empty image");
  ImGui::TextWrapped("The pixels' shares add up to the change, %+.2f (sum of the map: %+.2f). Red pixels pushed "
                     "toward %s, blue ones toward %s; the brightest carry %.2f each.",
                     change, e.map.per_pixel.sum(), names.name(e.predicted).c_str(), names.name(e.other).c_str(),
                     e.largest_share);
  ImGui::TextDisabled("Exact for this model: its scores are sums of features and of products of two features, and for such "
                      "a score the gradient halfway between the two images splits the change exactly.");
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace digitlab::app
