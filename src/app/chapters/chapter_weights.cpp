// Chapter 9, "Weights": each digit's weights as a 28x28 picture (red where ink raises
// the digit's score, blue where it lowers it). A raw-pixel model trained here gives
// exact pictures; the page's current model is carried back through its PCA and scaler
// as far as that is meaningful (weight_templates.hpp). The raw-pixel run's settings and
// digits are WeightsExperiment's (src/lessons/experiments.hpp); at the defaults the
// chapter opens on the run and pictures precomputed when the page was built.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/chapters/chapter_precomputed.hpp"
#include "app/chapters/chapters.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/widgets.hpp"
#include "app/widgets/glossary_ui.hpp"
#include "core/tutorial/weight_templates.hpp"

namespace digitlab::app {

// The chapter's run button, which the precomputed note names.
constexpr const char* kRunButton = "Train again";

struct WeightsChapter : ChapterData, WeightsExperiment {
  bool wanted = false;
  int source = 0;  // 0: the raw-pixel model trained here, 1: the page's current model
  RunQueue run;       // the raw-pixel model's run, or its precomputed result
  WeightPictures pictures;  // what `templates` shows, -1..1 (weight_templates.hpp)
  Texture templates;  // ten signed images, diverging colormap
  std::string shown;  // what `templates` holds: "run", "precomputed", "model:<source>"
  bool exact = true;
  std::string note;
  Scaling scaling = Scaling::MinMax;  // the pictured model's, for what the note says of them
  int pca_components = 0;
  double max_abs = 0;
};

namespace {

// What a degree-1 model's pictures show, for the scaling and PCA it was trained with.
std::string exact_pictures_note(const WeightsChapter& w) {
  std::string text =
      "Each score is a sum of pixel times weight, so a weight picture is the template the model matches: a 0 "
      "wants ink on a ring and none in the middle, a 1 a vertical bar. Stronger regularisation (smaller C) "
      "shrinks the weights toward 0, and most where the training digits vary least: a pattern of pixels few "
      "digits ink gets little support from the data, so speckle fades first and the pictures get smoother. ";
  if (w.pca_components > 0)
    return text + "Through PCA each picture is a blend of the " + std::to_string(w.pca_components) +
           " components' own pictures, so it is smooth whatever C is: detail the components leave out cannot show.";
  if (w.scaling == Scaling::None)
    return text + "On raw pixels (0..255) a weight is in units of one grey level.";
  return text + "Isolated squares near the border are pixels almost never inked: few digits decide their weights, "
                "and carried back to raw pixels a weight is divided by its pixel's " +
         (w.scaling == Scaling::MinMax ? std::string("range") : std::string("standard deviation")) +
         ", which is small there.";
}

const Pipeline* run_pipeline(const WeightsChapter& w) {
  if (!w.run.finished() || w.run.precomputed()) return nullptr;
  const Run& run = *w.run.runs().front();
  return run.model ? &*run.model : nullptr;
}

// The pictures of what the chapter shows: the page's model, the run made here, or the
// run precomputed when the page was built (its pictures came with it).
void build_templates(AppState& app) {
  WeightsChapter& w = app.chapters.get<WeightsChapter>();
  const Pipeline* pipeline = w.source == 1 ? (app.model.pipeline ? &*app.model.pipeline : nullptr) : run_pipeline(w);
  const auto precomputed = app.chapters.precomputed.pictures.find("weights");
  const bool use_precomputed = w.source == 0 && w.run.precomputed() && precomputed != app.chapters.precomputed.pictures.end();
  const std::string key = w.source == 1 ? (pipeline ? "model:" + app.model.source : "")
                          : use_precomputed ? "precomputed" : pipeline ? "run" : "";
  if (key.empty() || key == w.shown) return;
  if (use_precomputed) {
    const PipelineSettings s = weights_settings(WeightsExperiment{});
    w.pictures = precomputed->second;
    w.exact = s.poly_degree == 1;
    w.note = pixel_weights_note(s.pca_components, s.poly_degree, s.scaling);
    w.scaling = s.scaling;
    w.pca_components = s.pca_components;
  } else {
    const PixelWeights pw = pixel_space_weights(*pipeline);
    w.pictures = weight_pictures(pw.weights);
    w.exact = pw.exact;
    w.note = pw.note;
    w.scaling = pipeline->settings().scaling;
    w.pca_components = pipeline->settings().pca_components;
  }
  std::vector<Eigen::VectorXf> tiles;
  w.max_abs = 0;
  for (Eigen::Index k = 0; k < w.pictures.values.cols(); ++k) {
    tiles.push_back(w.pictures.values.col(k));
    w.max_abs = std::max(w.max_abs, static_cast<double>(w.pictures.max_abs[static_cast<std::size_t>(k)]));
  }
  upload_tiles(w.templates, tiles, static_cast<int>(tiles.size()), -1.0f, 1.0f);
  w.shown = key;
}

}  // namespace

static void start_weights_run(AppState& app) {
  WeightsChapter& w = app.chapters.get<WeightsChapter>();
  if (!app.data.train || !app.data.test) return;
  w.run.clear();
  for (RunSpec& spec : weights_runs(w, *app.data.train, *app.data.test)) w.run.add(std::move(spec));
  w.shown.clear();
}

static bool advance_weights(AppState& app, double) {
  WeightsChapter& w = app.chapters.get<WeightsChapter>();
  if (!w.wanted || !w.run.empty() || !app.data.train || !app.data.test) return false;
  start_weights_run(app);  // the run itself advances with the other experiments
  return true;
}

static void draw_weights(AppState& app) {
  WeightsChapter& w = app.chapters.get<WeightsChapter>();
  w.wanted = true;
  // A precomputed result needs no digits: shown below the line that waits for them.
  const bool digits = digits_ready(app);
  if (!digits && !w.run.precomputed()) return;
  const bool narrow = ImGui::GetContentRegionAvail().x < 700;  // a phone: the legend below one line each
  // Controls side by side while the next fits the line (a phone: one a line).
  const ImGuiStyle& style = ImGui::GetStyle();
  auto radio_width = [&style](const char* label) {
    return ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
  };
  auto slider_width = [&style](const char* label) { return 160 + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label).x; };
  wrapped_radio("a model on the pixels themselves, trained here (min-max scaled, no PCA, softmax)", &w.source, 0);
  same_line_if_room(radio_width("the page's current model"));
  wrapped_radio("the page's current model", &w.source, 1);
  if (w.source == 0) {
    ImGui::PushItemWidth(160);
    count_slider("training digits", &w.subset, 500, 20000);
    same_line_if_room(slider_width("max_iter"));
    count_slider("max_iter", &w.max_iter, 10, 500);
    same_line_if_room(slider_width("C"));
    ImGui::SliderFloat("C", &w.C, 0.001f, 10.0f, "%.3f", ImGuiSliderFlags_Logarithmic);
    glossary_tooltip(app.glossary, Term::C);
    ImGui::PopItemWidth();
    same_line_if_room(ImGui::CalcTextSize(kRunButton).x + 2 * style.FramePadding.x);
    ImGui::BeginDisabled(w.run.busy() || !digits);
    if (ImGui::Button(kRunButton)) start_weights_run(app);
    ImGui::EndDisabled();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    // No claim that it converges: with the defaults it stops at max_iter, as the line below says.
    ImGui::TextWrapped("C starts at 0.05 here, not the tutorial's C = 1: the stronger L2 penalty keeps every weight "
                       "smaller. The run is short (%s digits, at most %d iterations); the line below says whether it "
                       "met scikit-learn's rule or stopped at max_iter. Set C to 1 and train again to see the "
                       "tutorial's setting.",
                       thousands(w.subset).c_str(), w.max_iter);
    ImGui::PopStyleColor();
    precomputed_note(app, w.run, same_settings(w, WeightsExperiment{}), kRunButton);
    run_queue_progress(w.run);
    if (w.run.finished()) {
      const Run& run = *w.run.runs().front();
      if (run.error.empty())
        ImGui::TextWrapped("%s digits, %d iterations (%s), test accuracy %.2f%%", thousands(run.train_count).c_str(),
                           run.training.iteration, status_words(run.training.status), 100 * run.accuracy("test"));
      else
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(error_text_color()), "The run failed: %s", run.error.c_str());
    }
  } else if (app.model.pipeline) {
    ImGui::TextDisabled("%s", app.model.source.c_str());
  }
  build_templates(app);
  if (w.shown.empty()) return;
  ImGui::Separator();
  // The templates are what the model looks for in any digit; the Draw panel's map is what
  // it found in one drawing.
  ImGui::TextWrapped("These pictures are what each digit's score looks for in any image. What the Draw panel's model found in "
                     "one particular drawing is its \"Why this digit?\" map.");
  if (compact_button("Open the map in Draw")) {
    app.draw.explanation.shown = true;
    app.draw.explanation.dirty = true;
    app.requested_panel = static_cast<int>(Panel::Draw);
  }
  // Five pictures a row, fewer on a narrow screen (a phone: 3), each as wide as its label.
  const float avail = ImGui::GetContentRegionAvail().x, label = ImGui::CalcTextSize("weights of 0").x;
  const int columns = std::clamp(static_cast<int>(avail / (label + 12)), 2, 5);
  const float tile = std::clamp(avail / static_cast<float>(columns) - 12, 60.0f, 150.0f);
  for (int d = 0; d < 10; ++d) {
    if (d % columns != 0) ImGui::SameLine();
    ImGui::BeginGroup();
    tile_image(w.templates, d, 10, 1, ImVec2(tile, tile), Colormap::Diverging);
    ImGui::Text("weights of %d", d);
    ImGui::EndGroup();
  }
  ImGui::TextColored(ImVec4(0.75f, 0.35f, 0.3f, 1), "red: ink here raises the digit's score");
  if (!narrow) ImGui::SameLine();
  ImGui::TextColored(ImVec4(0.4f, 0.5f, 0.9f, 1), "blue: ink here lowers it");
  if (!narrow) ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("(each digit on its own scale; the strongest 1%% of weights saturate)");
  ImGui::PopStyleColor();
  ImGui::TextWrapped("Carried back: %s.%s", w.note.c_str(),
                     w.exact ? "" : " The pictures show only part of what this model does.");
  if (w.exact)
    note(exact_pictures_note(w).c_str());
  else
    note("In this model the products of components carry much of each decision, so the degree-1 part alone "
         "need not look like the digit. The model on the pixels themselves (above) shows clean templates.");
}

static void weights_json(JsonWriter& j, const AppState& app) {
  const WeightsChapter& w = app.chapters.get<WeightsChapter>();
  j.begin_object().key("source").value(w.source == 0 ? "raw-pixel model" : "current model")
      .key("ready").value(!w.shown.empty()).key("shown").value(w.shown).key("exact").value(w.exact)
      .key("max_abs").value(w.max_abs).key("busy").value(w.run.busy()).key("precomputed").value(w.run.precomputed())
      .key("runs");
  runs_json(j, w.run);
  // The ten pictures shown, 784 values each in -1..1 (to 3 decimals, as the precomputed
  // file holds them), so a test can compare a run here with the precomputed one.
  j.key("pictures").begin_array();
  for (Eigen::Index k = 0; !w.shown.empty() && k < w.pictures.values.cols(); ++k) {
    j.begin_array();
    for (Eigen::Index i = 0; i < w.pictures.values.rows(); ++i)
      j.value(std::round(static_cast<double>(w.pictures.values(i, k)) * 1000) / 1000);
    j.end_array();
  }
  j.end_array().end_object();
}


// [SECTION] Registry entry (chapter_registry.cpp)

// Its own work first, then its experiment's runs.
static bool advance_all(AppState& app, double budget_seconds) {
  return advance_weights(app, budget_seconds) || advance_runs(app, app.chapters.get<WeightsChapter>().run, budget_seconds);
}

static bool apply_setting(AppState& app, const Setting& s) {
  WeightsChapter& c = app.chapters.get<WeightsChapter>();
  if (!s.is_number) return false;
  if (s.key == "subset") c.subset = s.rounded(100, 60000);
  else if (s.key == "max_iter") c.max_iter = s.rounded(1, 5000);
  else if (s.key == "C") c.C = s.clamped(1e-4f, 1e4f);
  else if (s.key == "source") c.source = s.rounded(0, 1);
  else return false;
  return true;
}

// Its URL keys that differ from the defaults, for the page's address.
static void write_settings(const AppState& app, std::vector<KeyValue>& out) {
  const WeightsChapter& c = app.chapters.get<WeightsChapter>();
  const WeightsExperiment defaults;
  write_if_changed(out, "subset", c.subset, defaults.subset);
  write_if_changed(out, "max_iter", c.max_iter, defaults.max_iter);
  write_if_changed(out, "C", c.C, defaults.C);
  write_if_changed(out, "source", c.source, WeightsChapter{}.source);
}

static void install_results(AppState& app) {
  WeightsChapter& c = app.chapters.get<WeightsChapter>();
  const ChapterResults& r = app.chapters.precomputed;
  // The Weights chapter shows pictures of its run's weights: only with them.
  if (same_settings(c, WeightsExperiment{}) && r.pictures.count("weights") && install_precomputed(c.run, r, "weights"))
    c.shown.clear();
}

ChapterDef weights_chapter() {
  ChapterDef c;
  c.key = "weights";
  c.title = "9 Weights";
  c.group = PanelGroup::Tutorial;
  c.lesson =
      "Every pixel carries one weight for every digit. Painted as pictures, the weights show what each digit's "
      "score is looking for: red where ink speaks for the digit, blue where it speaks against it.";
  c.make_state = state_of<WeightsChapter>;
  c.draw = draw_weights;
  c.json = weights_json;
  c.advance = advance_all;
  c.start = start_weights_run;
  c.apply_setting = apply_setting;
  c.write_settings = write_settings;
  c.install_precomputed = install_results;
  return c;
}

}  // namespace digitlab::app
