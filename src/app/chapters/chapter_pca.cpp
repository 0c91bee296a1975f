// Chapter 7, "PCA": 60 principal components fitted once (min-max scaled, 5,000
// training digits, by the fit job's own stages a slice per frame), then a slider over
// how many are kept: reconstructions, the explained variance, the components as images.
#include <algorithm>
#include <cstdio>

#include "app/chapters/chapters.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/glossary_ui.hpp"
#include "app/widgets/widgets.hpp"
#include "core/jobs/pipeline_fit_job.hpp"
#include "core/tutorial/pca_views.hpp"

namespace digitlab::app {

struct PcaChapter : ChapterData {
  bool wanted = false;
  int stage = 0;  // 0 waiting, 1 scaling, 2 covariance, 3 eigenvectors, 4 ready
  std::shared_ptr<const Dataset> digits;  // kFitDigits training digits
  std::unique_ptr<PipelineFitJob> fit;    // the scaler and PCA only, while they are fitted
  double fraction = 0;                    // of the fit
  MinMaxScaler scaler;                    // once fitted
  std::optional<PCA> pca;
  int components = 30;
  int shown_components = -1;  // what `reconstructions` holds
  Texture reconstructions;    // originals over reconstructions, kShown digits
  Texture component_images;   // the first kComponentImages components
  double fit_seconds = 0;
  // 60: a Rayleigh-Ritz step of the eigensolver grows with the square of this, and
  // must fit in a frame (about 40 ms in wasm for 60; 100 took over 100 ms).
  static constexpr int kMaxComponents = 60;
  static constexpr int kFitDigits = 5000;
  static constexpr int kShown = 8;
  static constexpr int kComponentImages = 16;
};

namespace {

// The first image of each digit 0..kShown-1 in the fitted digits.
std::vector<int> shown_rows(const Dataset& digits) {
  std::vector<int> rows;
  for (int d = 0; d < PcaChapter::kShown; ++d) {
    const auto it = std::find(digits.labels.begin(), digits.labels.end(), d);
    rows.push_back(it == digits.labels.end() ? 0 : static_cast<int>(it - digits.labels.begin()));
  }
  return rows;
}

void build_component_images(PcaChapter& p) {
  std::vector<Eigen::VectorXf> tiles;
  for (int k = 0; k < PcaChapter::kComponentImages; ++k) {
    const Eigen::VectorXf c = p.pca->components().row(k).transpose();
    const float m = std::max(c.cwiseAbs().maxCoeff(), 1e-6f);
    tiles.push_back(c / m);  // -1..1, 0 in the middle of the diverging map
  }
  upload_tiles(p.component_images, tiles, PcaChapter::kComponentImages, -1.0f, 1.0f);
}

void build_reconstructions(PcaChapter& p) {
  if (p.shown_components == p.components) return;
  const std::vector<int> rows = shown_rows(*p.digits);
  Matrix originals(static_cast<Eigen::Index>(rows.size()), p.digits->pixel_count());
  for (std::size_t i = 0; i < rows.size(); ++i) originals.row(static_cast<Eigen::Index>(i)) = p.digits->pixels.row(rows[i]).cast<float>();
  const Matrix scaled = p.scaler.transform(originals);
  const Matrix rebuilt = reconstruct_with(*p.pca, scaled, p.components);
  std::vector<Eigen::VectorXf> tiles;
  for (Eigen::Index i = 0; i < scaled.rows(); ++i) tiles.push_back(scaled.row(i).transpose());
  for (Eigen::Index i = 0; i < rebuilt.rows(); ++i) tiles.push_back(rebuilt.row(i).transpose());
  upload_tiles(p.reconstructions, tiles, PcaChapter::kShown, 0.0f, 1.0f);
  p.shown_components = p.components;
}

}  // namespace

static bool advance_pca(AppState& app, double budget_seconds) {
  PcaChapter& p = app.chapters.get<PcaChapter>();
  if (!p.wanted || p.stage == 4 || !app.data.train) return false;
  if (!p.fit) {
    p.digits = train_digits(app, PcaChapter::kFitDigits, 2);
    p.fit = std::make_unique<PipelineFitJob>(PipelineFitJob::PreprocessingOnly{}, Scaling::MinMax,
                                             PcaChapter::kMaxComponents, rows_of(p.digits));
  }
  p.fraction = p.fit->step(budget_seconds);
  const FitProgress& progress = p.fit->progress();
  p.stage = p.fit->done() ? 4 : static_cast<int>(progress.stage) + 1;  // Scaling, PcaCovariance, PcaEigen
  if (p.fit->done()) {
    p.scaler = *p.fit->preprocessing().minmax_scaler();
    p.pca = p.fit->preprocessing().pca();
    p.fit_seconds = progress.elapsed_seconds;
    p.fit.reset();
    build_component_images(p);
    p.shown_components = -1;
    build_reconstructions(p);
  }
  return true;
}

namespace {

void variance_plots(const PcaChapter& p, float width) {
  const Eigen::VectorXd cumulative = cumulative_explained(*p.pca);
  const Eigen::VectorXd ratio = p.pca->explained_variance_ratio();
  std::vector<float> ks, cum, each;
  for (Eigen::Index i = 0; i < cumulative.size(); ++i) {
    ks.push_back(static_cast<float>(i + 1));
    cum.push_back(static_cast<float>(cumulative(i)));
    each.push_back(static_cast<float>(ratio(i)));
  }
  Plot a = begin_plot("pca-cumulative", ImVec2(width, 180), 0, static_cast<float>(PcaChapter::kMaxComponents), 0, 1,
                      "share of the variance kept by the first k components", "k", "");
  plot_line(a, ks, cum, series_color(0));
  plot_vline(a, static_cast<float>(p.components), IM_COL32(220, 220, 220, 220));
  plot_hline(a, static_cast<float>(cumulative(p.components - 1)), IM_COL32(220, 220, 220, 120));
  Plot b = begin_plot("pca-each", ImVec2(width, 130), 0, static_cast<float>(PcaChapter::kMaxComponents) + 1, 0,
                      static_cast<float>(ratio(0)) * 1.1f, "each component's share", "component", "");
  plot_bars(b, ks, each, 0.8f, series_color(1));
  plot_vline(b, static_cast<float>(p.components) + 0.5f, IM_COL32(220, 220, 220, 220));
}

}  // namespace

static void draw_pca(AppState& app) {
  PcaChapter& p = app.chapters.get<PcaChapter>();
  p.wanted = true;
  if (!digits_ready(app)) return;
  if (p.stage < 4) {
    const char* what[] = {"starting", "min-max statistics", "covariance of 784 pixels", "eigenvectors", ""};
    // The bar names the step alone (a longer overlay ran past a phone's edges); the text says the rest.
    progress_bar(static_cast<float>(p.fraction), -1, what[p.stage]);
    // What the wait (about 10 s here, headless) is for, so the panel is not a bare bar.
    ImGui::TextWrapped("Fitting PCA on 5,000 digits, %d components (the slider's most). It scales each pixel to 0-1, "
                       "measures how every pair of the 784 pixels varies together (their covariance, a 784 x 784 "
                       "table) and takes that table's eigenvectors: the components. The digits rebuilt from them and "
                       "the variance they keep appear here when it is done.", PcaChapter::kMaxComponents);
    return;
  }
  ImGui::SetNextItemWidth(std::clamp(ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("components kept").x -
                                         ImGui::GetStyle().ItemInnerSpacing.x, 100.0f, 320.0f));
  ImGui::SliderInt("components kept", &p.components, 1, PcaChapter::kMaxComponents);
  build_reconstructions(p);
  same_line_if_room(200, 24);  // the sentence beside the slider (apart from its label), or below it
  ImGui::Text("784 pixels -> %d numbers per digit, keeping %.1f%% of the variance", p.components,
              100.0 * cumulative_explained(*p.pca)(p.components - 1));
  same_line_if_fits("(explained variance)");
  glossary_term(app.glossary, Term::ExplainedVariance, "(explained variance)");
  // Digits and components beside the variance plots when both fit, else above them.
  const float avail = ImGui::GetContentRegionAvail().x;
  const Row row({PcaChapter::kShown * 48.0f, 260.0f});
  const float spacing = ImGui::GetStyle().ItemSpacing.x;  // between tiles: 8 px, 10 on a touch screen
  const float tile = row.side_by_side() ? std::clamp(avail * 0.55f / PcaChapter::kShown - 8, 40.0f, 84.0f)
                                        : std::clamp((avail - (PcaChapter::kShown - 1) * spacing) / PcaChapter::kShown,
                                                     24.0f, 84.0f);
  // The tiles' own width: kShown tiles and the kShown - 1 gaps between them (a column
  // wider than its tiles would let the headings' text wrap past the window's edge).
  begin_column(PcaChapter::kShown * tile + (PcaChapter::kShown - 1) * spacing);
  heading("min-max scaled digits, and rebuilt from the kept components");
  for (int row = 0; row < 2; ++row)
    for (int i = 0; i < PcaChapter::kShown; ++i) {
      if (i > 0) ImGui::SameLine();
      tile_image(p.reconstructions, row * PcaChapter::kShown + i, PcaChapter::kShown, 2, ImVec2(tile, tile), app.chapters.colormap);
    }
  ImGui::Spacing();
  heading("the first 16 components");
  same_line_if_fits("(what is a component?)");
  glossary_term(app.glossary, Term::PcaComponent, "(what is a component?)");
  ImGui::TextDisabled("Red and blue are opposite signs, but which is which is arbitrary: a component and its "
                      "colour-swapped copy describe the same pattern.");
  const float small = std::clamp((PcaChapter::kShown * tile + (PcaChapter::kShown - 1) * spacing - 7 * spacing) / 8,
                                 24.0f, 84.0f);  // eight a row, as wide as the digits' row
  for (int k = 0; k < PcaChapter::kComponentImages; ++k) {
    if (k % 8 != 0) ImGui::SameLine();
    tile_image(p.component_images, k, PcaChapter::kComponentImages, 1, ImVec2(small, small), Colormap::Diverging);
    if (ImGui::IsItemHovered())
      wrapped_tooltip("component %d: %.1f%% of the variance (its explained variance)", k + 1,
                        100.0 * p.pca->explained_variance_ratio()(k));
  }
  end_column();
  row.next();
  begin_column(Row::rest());
  variance_plots(p, std::max(200.0f, Row::rest()));
  end_column();
  char kept[200];  // the tutorial's 30, from this fit (the slider may show another count)
  std::snprintf(kept, sizeof kept, " The tutorial keeps 30 components: on these digits they keep %.1f%% of the "
                "variance, so the model gets 30 numbers instead of 784. Compare the rebuilt digits above at 30.",
                100.0 * cumulative_explained(*p.pca)(std::min(29, p.pca->n_components() - 1)));
  note((std::string("A digit is rebuilt as the mean image plus a weighted sum of components; each component is a "
                    "pattern of pixels that tend to brighten and darken together.") + kept).c_str());
}

static void pca_json(JsonWriter& j, const AppState& app) {
  const PcaChapter& p = app.chapters.get<PcaChapter>();
  j.begin_object().key("ready").value(p.stage == 4).key("stage").value(p.stage).key("components").value(p.components)
      .key("max_components").value(PcaChapter::kMaxComponents);
  if (p.stage == 4) j.key("explained").value(cumulative_explained(*p.pca)(p.components - 1)).key("fit_seconds").value(p.fit_seconds);
  j.end_object();
}


// [SECTION] Registry entry (chapter_registry.cpp)

static bool apply_setting(AppState& app, const Setting& s) {
  if (!s.is_number || s.key != "components") return false;
  app.chapters.get<PcaChapter>().components = s.rounded(1, PcaChapter::kMaxComponents);
  return true;
}

// Its URL keys that differ from the defaults, for the page's address.
static void write_settings(const AppState& app, std::vector<KeyValue>& out) {
  write_if_changed(out, "components", app.chapters.get<PcaChapter>().components, PcaChapter{}.components);
}

ChapterDef pca_chapter() {
  ChapterDef c;
  c.key = "pca";
  c.title = "7 PCA";
  c.group = PanelGroup::Tutorial;
  c.lesson =
      "Neighbouring pixels brighten and darken together, so far fewer than 784 numbers can describe a digit. PCA "
      "finds the patterns along which digits differ most. Slide how many patterns are kept and watch the digits "
      "blur and sharpen while most of the variation survives.";
  c.make_state = state_of<PcaChapter>;
  c.draw = draw_pca;
  c.json = pca_json;
  c.advance = advance_pca;
  c.apply_setting = apply_setting;
  c.write_settings = write_settings;
  return c;
}

}  // namespace digitlab::app
