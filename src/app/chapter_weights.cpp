// Chapter 9, "Weights": each digit's weights as a 28x28 picture (red where ink raises
// the digit's score, blue where it lowers it). A raw-pixel model trained here gives
// exact pictures; the page's current model is carried back through its PCA and scaler
// as far as that is meaningful (weight_templates.hpp).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "chapters.hpp"
#include "glossary_ui.hpp"
#include "weight_templates.hpp"

namespace digitlab::app {

namespace {

void start_raw_model(AppState& app) {
  WeightsChapter& w = app.chapters.weights;
  auto train = train_digits(app, w.subset, 3);
  auto test = test_digits(app, kExperimentTestDigits);
  if (!train || !test) return;
  w.run.clear();
  PipelineSettings s = experiment_settings(Scaling::MinMax, 0, 1, w.max_iter);
  s.model.C = w.C;
  w.run.add({"raw-pixel softmax", s, train, {{"test", test}}});
  w.shown.clear();
}

const Pipeline* shown_pipeline(const AppState& app) {
  const WeightsChapter& w = app.chapters.weights;
  if (w.source == 1) return app.model.pipeline ? &*app.model.pipeline : nullptr;
  if (w.run.finished() && w.run.runs().front()->model) return &*w.run.runs().front()->model;
  return nullptr;
}

void build_templates(AppState& app) {
  WeightsChapter& w = app.chapters.weights;
  const Pipeline* pipeline = shown_pipeline(app);
  const std::string key = w.source == 1 ? "model:" + app.model.source : pipeline ? "run" : "";
  if (!pipeline || key == w.shown) return;
  const PixelWeights pw = pixel_space_weights(*pipeline);
  std::vector<Eigen::VectorXf> tiles;
  w.max_abs = 0;
  for (Eigen::Index k = 0; k < pw.weights.cols(); ++k) {
    const Eigen::VectorXf col = pw.weights.col(k).cast<float>();
    // Each digit on its own symmetric scale, set by the 99th percentile of |w|: a pixel
    // almost never inked has a tiny range, so undoing the scaling gives it a huge weight
    // that would wash out the rest of the picture at full scale.
    std::vector<float> magnitudes(col.data(), col.data() + col.size());
    for (float& v : magnitudes) v = std::abs(v);
    const std::size_t q = magnitudes.size() * 99 / 100;
    std::nth_element(magnitudes.begin(), magnitudes.begin() + static_cast<std::ptrdiff_t>(q), magnitudes.end());
    const float m = std::max(magnitudes[q], 1e-12f);
    w.max_abs = std::max(w.max_abs, static_cast<double>(col.cwiseAbs().maxCoeff()));
    tiles.push_back(col / m);  // clipped to -1..1 by upload_tiles
  }
  upload_tiles(w.templates, tiles, static_cast<int>(tiles.size()), -1.0f, 1.0f);
  w.exact = pw.exact;
  w.note = pw.note;
  w.shown = key;
}

}  // namespace

bool advance_weights(AppState& app, double) {
  WeightsChapter& w = app.chapters.weights;
  if (!w.wanted || !w.run.empty() || !app.data.train || !app.data.test) return false;
  start_raw_model(app);  // the run itself advances with the other experiments
  return true;
}

void weights_chapter(AppState& app) {
  WeightsChapter& w = app.chapters.weights;
  w.wanted = true;
  if (!digits_ready(app)) return;
  ImGui::RadioButton("a raw-pixel model trained here (min-max pixels, softmax)", &w.source, 0);
  ImGui::SameLine();
  ImGui::RadioButton("the page's current model", &w.source, 1);
  if (w.source == 0) {
    ImGui::PushItemWidth(160);
    ImGui::SliderInt("training digits", &w.subset, 500, 20000, "%d", ImGuiSliderFlags_Logarithmic);
    ImGui::SameLine();
    ImGui::SliderInt("max_iter", &w.max_iter, 10, 500, "%d", ImGuiSliderFlags_Logarithmic);
    ImGui::SameLine();
    ImGui::SliderFloat("C", &w.C, 0.001f, 10.0f, "%.3f", ImGuiSliderFlags_Logarithmic);
    glossary_tooltip(app.glossary, Term::C);
    ImGui::PopItemWidth();
    ImGui::SameLine();
    ImGui::BeginDisabled(w.run.busy());
    if (ImGui::Button("Train again")) start_raw_model(app);
    ImGui::EndDisabled();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("C starts at 0.05 here, not the tutorial's C = 1: the stronger L2 penalty keeps every weight "
                       "smaller and lets this short run (%s digits, at most %d iterations) settle sooner. Set C to 1 "
                       "and train again to see the tutorial's setting.",
                       thousands(w.subset).c_str(), w.max_iter);
    ImGui::PopStyleColor();
    run_queue_progress(w.run);
    if (w.run.finished()) {
      const Run& run = *w.run.runs().front();
      ImGui::Text("%s digits, %d iterations (%s), test accuracy %.2f%%", thousands(run.spec.train->size()).c_str(),
                  run.training.iteration, to_string(run.training.status), 100 * run.accuracy("test"));
    }
  } else if (app.model.pipeline) {
    ImGui::TextDisabled("%s", app.model.source.c_str());
  }
  build_templates(app);
  if (w.shown.empty()) return;
  ImGui::Separator();
  const float tile = std::clamp(ImGui::GetContentRegionAvail().x / 5 - 12, 60.0f, 150.0f);
  for (int d = 0; d < 10; ++d) {
    if (d % 5 != 0) ImGui::SameLine();
    ImGui::BeginGroup();
    tile_image(w.templates, d, 10, 1, ImVec2(tile, tile), Colormap::Diverging);
    ImGui::Text("weights of %d", d);
    ImGui::EndGroup();
  }
  ImGui::TextColored(ImVec4(0.75f, 0.35f, 0.3f, 1), "red: ink here raises the digit's score");
  ImGui::SameLine();
  ImGui::TextColored(ImVec4(0.4f, 0.5f, 0.9f, 1), "blue: ink here lowers it");
  ImGui::SameLine();
  ImGui::TextDisabled("(each digit on its own scale; the strongest 1%% of weights saturate)");
  ImGui::TextWrapped("Carried back: %s.%s", w.note.c_str(),
                     w.exact ? "" : " The pictures show only part of what this model does.");
  if (w.exact)
    note("Each score is a sum of pixel times weight, so a weight picture is the template the model matches: a 0 "
         "wants ink on a ring and none in the middle, a 1 a vertical bar. Stronger regularisation (smaller C) "
         "shrinks every weight toward 0, each on its own: L2 knows nothing of neighbouring pixels, so it does not "
         "smooth the pictures. The isolated squares near the border are pixels almost never inked: few digits "
         "decide their weights, and carried back to raw pixels a weight is divided by its pixel's range, which is "
         "small there.");
  else
    note("In this model the products of components carry much of each decision, so the degree-1 part alone "
         "need not look like the digit. The raw-pixel model above shows clean templates.");
}

void weights_json(JsonWriter& j, const AppState& app) {
  const WeightsChapter& w = app.chapters.weights;
  j.begin_object().key("source").value(w.source == 0 ? "raw-pixel model" : "current model")
      .key("ready").value(!w.shown.empty()).key("exact").value(w.exact).key("max_abs").value(w.max_abs)
      .key("busy").value(w.run.busy()).key("runs");
  runs_json(j, w.run);
  j.end_object();
}

}  // namespace digitlab::app
