// The Train panel's live view: while a run trains, what each digit's score looks for (the
// weight templates, as the Weights chapter draws them) and the validation slice's
// confusion matrix, both as of one pass and refreshed every few passes.
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "app/chapters/chapters.hpp"
#include "app/panels/panels.hpp"
#include "core/data/data_dir.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/widgets.hpp"
#include "core/tutorial/weight_templates.hpp"

namespace digitlab::app {

namespace {

// Carries the model so far back to pixels and copies the slice's confusion matrix. The
// next refresh waits at least 0.4 s and at least 20 times what this one cost, so the view
// takes at most about 5% of the frames' time whatever the model's size.
void refresh(TrainState& t, const Pipeline& model, int pass) {
  const auto started = std::chrono::steady_clock::now();
  LiveTrainingView& v = t.live;
  const PixelWeights weights = pixel_space_weights(model);
  const WeightPictures pictures = weight_pictures(weights.weights);
  std::vector<Eigen::VectorXf> tiles;
  for (Eigen::Index k = 0; k < pictures.values.cols(); ++k) tiles.push_back(pictures.values.col(k));
  upload_tiles(v.templates, tiles, static_cast<int>(tiles.size()), -1.0f, 1.0f);
  v.exact = weights.exact;
  v.confusion = t.report.confusion;
  v.pass = pass;
  ++v.refreshes;
  v.refresh_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  v.next_refresh = ImGui::GetTime() + std::max(0.4, 0.02 * v.refresh_ms);
}

void templates_grid(const LiveTrainingView& v, float width, const ClassNames& names) {
  // Ten in a row where each gets 40 px, else two rows of five.
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const int columns = width >= 10 * (40 + spacing) ? 10 : 5;
  const float tile = std::clamp(width / static_cast<float>(columns) - spacing, 30.0f, 64.0f);
  for (int d = 0; d < 10; ++d) {
    if (d % columns != 0) ImGui::SameLine();
    ImGui::BeginGroup();
    tile_image(v.templates, d, 10, 1, ImVec2(tile, tile), Colormap::Diverging);
    ImGui::TextUnformatted(fit_text(names.short_name(d), tile).c_str());
    ImGui::EndGroup();
  }
}

void small_confusion(const ConfusionMatrix& cm, float cell) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const int n = static_cast<int>(cm.rows());
  const float label = matrix_label_width();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(label + n * cell, label + n * cell));
  long long top = 1;
  for (int t = 0; t < n; ++t)
    for (int p = 0; p < n; ++p) top = std::max(top, cm(t, p));
  matrix_axis_labels(draw, origin, cell, n);
  for (int t = 0; t < n; ++t) {
    for (int p = 0; p < n; ++p) {
      const ImVec2 a(origin.x + label + p * cell, origin.y + label + t * cell), b(a.x + cell - 1, a.y + cell - 1);
      const float shade = std::sqrt(static_cast<float>(cm(t, p)) / static_cast<float>(top));
      draw->AddRectFilled(a, b, blues(shade));
      if (cell >= 20) cell_number(draw, a, cell, cm(t, p), text_color_on(blues(shade)));
    }
  }
}

}  // namespace

void train_live_view(AppState& app) {
  TrainState& t = app.train;
  if (!t.has_run() || !t.report.has_model) return;
  const FitProgress& p = t.progress();
  LiveTrainingView& v = t.live;
  const int pass = p.training.passes;
  // Wait for the slice's first confusion matrix; refresh when due, and once at the end.
  const bool due = ImGui::GetTime() >= v.next_refresh || p.stage == FitStage::Done;
  if (t.report.confusion.size() > 0 && pass != v.pass && due) {
    if (!t.in_worker) {
      refresh(t, t.job->pipeline(), pass);
    } else if (t.worker_model && t.worker_model_pass != v.pass) {  // the model a report carried
      refresh(t, *t.worker_model, t.worker_model_pass);
    } else if (!t.worker_model_asked && t.worker.request_model) {  // a worker sends it when asked
      t.worker.request_model(t.run);
      t.worker_model_asked = true;
    }
  }
  if (v.pass < 0) return;
  ImGui::Separator();
  const float avail = ImGui::GetContentRegionAvail().x;
  ImGui::Text("Live, as of pass %d:", v.pass);
  float cell = std::clamp(avail * 0.04f, 20.0f, 30.0f);
  float matrix_width = matrix_label_width() + 10 * cell;
  const Row row({260, matrix_width});
  // Below the templates (a phone), the matrix takes the line's width, up to 36 px a cell:
  // at 20 px its counts were drawn too small to read.
  if (!row.side_by_side()) {
    cell = std::clamp((avail - matrix_label_width()) / 10.0f, 20.0f, 36.0f);
    matrix_width = matrix_label_width() + 10 * cell;
  }
  const float templates_width = row.side_by_side() ? avail - matrix_width - 2 * ImGui::GetStyle().ItemSpacing.x : avail;
  begin_column(templates_width);
  ImGui::TextWrapped("What each %s's score looks for (red: ink raises it, blue: lowers it; each on its own "
                     "scale%s)", app.classes->item.c_str(), v.exact ? "" : "; for degree 2 only the degree-1 part");
  templates_grid(v, templates_width, *app.classes);
  end_column();
  row.next();
  begin_column(matrix_width);
  const long long n = v.confusion.sum();
  ImGui::TextWrapped("Confusion on the %s validation %s (rows true, columns predicted): %.1f%% right",
                     with_thousands(n).c_str(), app.classes->items.c_str(), n ? 100.0 * static_cast<double>(v.confusion.trace()) / static_cast<double>(n) : 0.0);
  small_confusion(v.confusion, cell);
  end_column();
}

}  // namespace digitlab::app
