// Chapter 8, "Polynomial features": every product of two features added to the
// features themselves, what that does to the feature count, and the accuracy jump it
// gives on PCA components (both models trained here on a subset).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/chapters/chapter_precomputed.hpp"
#include "app/chapters/chapters.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/widgets.hpp"
#include "app/widgets/glossary_ui.hpp"
#include "core/preprocessing/polynomial_features.hpp"

namespace digitlab::app {

// The chapter's run button, which the precomputed note names.
constexpr const char* kRunButton = "Train both";

struct PolyChapter : ChapterData, PolyExperiment {
  float x1 = 0.5f, x2 = -1.5f;  // the worked example's two features
  RunQueue runs;
};

static void start_poly_runs(AppState& app) {
  PolyChapter& p = app.chapters.get<PolyChapter>();
  if (!app.data.train || !app.data.test) return;
  p.runs.clear();
  for (RunSpec& spec : poly_runs(p, *app.data.train, *app.data.test)) p.runs.add(std::move(spec));
}

namespace {

void worked_example(GlossaryState& g, PolyChapter& p) {
  heading("Two features become five");
  terms_row(g, {Term::PolynomialFeatures});
  ImGui::PushItemWidth(200);
  ImGui::SliderFloat("x1", &p.x1, -3, 3, "%.2f");
  ImGui::SliderFloat("x2", &p.x2, -3, 3, "%.2f");
  ImGui::PopItemWidth();
  Matrix x(1, 2);
  x << p.x1, p.x2;
  const Matrix out = PolynomialFeatures(2).transform(x);  // scikit-learn's order
  if (begin_fitted_table("example", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX)) {
    for (const char* h : {"x1", "x2", "x1^2", "x1 x2", "x2^2"}) fitted_column(h);
    ImGui::TableHeadersRow();
    ImGui::TableNextRow();
    for (int k = 0; k < 5; ++k) {
      ImGui::TableNextColumn();
      ImGui::Text("%.2f", out(0, k));
    }
    end_fitted_table();
  }
  note("A linear model can only add features up with weights. With the products it can also react to two "
       "things happening together (a stroke here and one there). To see which pairs of digits this helps most, "
       "train the preset \"PCA 30\" in the Train panel, then \"PCA 30 + poly 2\", and choose \"compare with the "
       "previous model\" in Evaluate: it shows one confusion matrix, the current model's minus the previous one's, "
       "so the pairs it now confuses less stand out.");
}

void feature_counts(int components) {
  heading("How many features degree 2 makes");
  if (!begin_fitted_table("counts", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX)) return;
  for (const char* h : {"features", "degree 2", "of them products"}) fitted_column(h);
  ImGui::TableHeadersRow();
  std::vector<int> ns = {2, 10, components, 50, 784};
  std::sort(ns.begin(), ns.end());
  ns.erase(std::unique(ns.begin(), ns.end()), ns.end());
  for (int n : ns) {
    const int out = PolynomialFeatures::output_count(n, 2);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (n == components) ImGui::TextColored(ImVec4(1, 0.75f, 0.4f, 1), "%d (PCA here)", n); else ImGui::Text("%d", n);
    ImGui::TableNextColumn();
    ImGui::Text("%s", thousands(out).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%s", thousands(out - n).c_str());
  }
  end_fitted_table();
  note("n + n(n+1)/2: on all 784 pixels that is 308,504 features per digit, which is why PCA comes first.");
}

void accuracy_bars(const RunQueue& runs, float width) {
  std::vector<float> xs, acc;
  int i = 0;
  for (const auto& run : runs.runs()) {
    xs.push_back(static_cast<float>(i++));
    acc.push_back(static_cast<float>(100 * run->accuracy("test")));  // NaN until scored: no bar
  }
  std::vector<std::string> names;
  for (const auto& run : runs.runs()) names.push_back(run->spec.label);
  Plot plot = begin_category_plot("poly-accuracy", ImVec2(width, 170), names, accuracy_axis_start(acc), 100, "test accuracy %");
  for (std::size_t k = 0; k < xs.size(); ++k)
    if (std::isfinite(acc[k])) plot_bars(plot, {xs[k]}, {acc[k]}, 0.6f, series_color(static_cast<int>(k)), "%.2f%%");
}

}  // namespace

static void draw_poly(AppState& app) {
  PolyChapter& p = app.chapters.get<PolyChapter>();
  // The worked example beside the experiment when both fit, else above it.
  const Row row({440.0f, 300.0f});
  begin_column(std::min(440.0f, Row::rest()));
  worked_example(app.glossary, p);
  ImGui::Spacing();
  feature_counts(p.components);
  end_column();
  row.next();
  begin_column(Row::rest());
  if (!digits_ready(app)) {
    end_column();
    return;
  }
  heading("The accuracy jump: the same PCA components, without and with their products");
  ImGui::PushItemWidth(200);
  ImGui::SliderInt("PCA components", &p.components, 2, 60);
  count_slider("training digits", &p.subset, 500, 10000);
  count_slider("max_iter", &p.max_iter, 10, 1000);
  ImGui::PopItemWidth();
  ImGui::Text("%d features, or %s with degree 2", p.components, thousands(PolynomialFeatures::output_count(p.components, 2)).c_str());
  ImGui::BeginDisabled(p.runs.busy());
  if (ImGui::Button(kRunButton)) start_poly_runs(app);
  ImGui::EndDisabled();
  precomputed_note(app, p.runs, same_settings(p, PolyExperiment{}), kRunButton);
  run_queue_progress(p.runs);
  runs_table("poly-runs", p.runs, {"test"});
  if (p.runs.finished()) accuracy_bars(p.runs, std::max(200.0f, ImGui::GetContentRegionAvail().x));
  end_column();
}

static void poly_json(JsonWriter& j, const AppState& app) {
  const PolyChapter& p = app.chapters.get<PolyChapter>();
  j.begin_object().key("components").value(p.components)
      .key("features").begin_array().value(p.components).value(PolynomialFeatures::output_count(p.components, 2)).end_array()
      .key("busy").value(p.runs.busy()).key("precomputed").value(p.runs.precomputed()).key("runs");
  runs_json(j, p.runs);
  j.end_object();
}


// [SECTION] Registry entry (chapter_registry.cpp)

static bool advance_poly(AppState& app, double budget_seconds) {
  return advance_runs(app, app.chapters.get<PolyChapter>().runs, budget_seconds);
}

static bool apply_setting(AppState& app, const Setting& s) {
  PolyChapter& c = app.chapters.get<PolyChapter>();
  if (s.is_number && s.key == "components") c.components = s.rounded(2, 60);
  else if (s.is_number && s.key == "subset") c.subset = s.rounded(100, 60000);
  else if (s.is_number && s.key == "max_iter") c.max_iter = s.rounded(1, 5000);
  else return false;
  return true;
}

// Its URL keys that differ from the defaults, for the page's address.
static void write_settings(const AppState& app, std::vector<KeyValue>& out) {
  const PolyChapter& c = app.chapters.get<PolyChapter>();
  const PolyExperiment defaults;
  write_if_changed(out, "components", c.components, defaults.components);
  write_if_changed(out, "subset", c.subset, defaults.subset);
  write_if_changed(out, "max_iter", c.max_iter, defaults.max_iter);
}

static void install_results(AppState& app) {
  PolyChapter& c = app.chapters.get<PolyChapter>();
  if (same_settings(c, PolyExperiment{})) install_precomputed(c.runs, app.chapters.precomputed, "poly");
}

ChapterDef poly_chapter() {
  ChapterDef c;
  c.key = "poly";
  c.title = "8 Polynomial features";
  c.group = PanelGroup::Tutorial;
  c.lesson =
      "Multiplying features with each other lets a model that can only add things up react to combinations, such "
      "as two strokes appearing together. Thirty components become 495 features, and the accuracy makes a jump.";
  c.make_state = state_of<PolyChapter>;
  c.draw = draw_poly;
  c.json = poly_json;
  c.advance = advance_poly;
  c.start = start_poly_runs;
  c.apply_setting = apply_setting;
  c.write_settings = write_settings;
  c.install_precomputed = install_results;
  return c;
}

}  // namespace digitlab::app
