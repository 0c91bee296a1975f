// Helpers the chapter panels share: experiment data and settings, progress and loss
// views, image tiles through the colormap shader, short text styles.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/chapters/chapters.hpp"
#include "app/widgets/layout.hpp"
#include "core/data/data_dir.hpp"
#include "core/data/split.hpp"
#include "app/widgets/widgets.hpp"
#include "app/work/file_status.hpp"

namespace digitlab::app {

const char* colormap_key(Colormap map) {
  static const char* keys[kColormapCount] = {"gray", "binary", "viridis", "magma", "diverging"};
  return keys[static_cast<int>(map)];
}

bool parse_colormap(const std::string& key, Colormap& map) {
  for (int i = 0; i < kColormapCount; ++i)
    if (key == colormap_key(static_cast<Colormap>(i))) {
      map = static_cast<Colormap>(i);
      return true;
    }
  return false;
}

std::shared_ptr<const Dataset> train_digits(const AppState& app, int count, std::uint32_t seed) {
  return app.data.train ? experiment_subset(*app.data.train, count, seed) : nullptr;
}

std::shared_ptr<const Dataset> test_digits(const AppState& app, int count) {
  return app.data.test ? experiment_subset(*app.data.test, count, 1) : nullptr;
}

void forget_training_summaries(AppState& app) {
  for (const ChapterDef& chapter : chapter_defs())
    if (chapter.forget_training_digits) chapter.forget_training_digits(app);
}

bool digits_ready(AppState& app) {
  if (app.data.train && app.data.test) return true;
  if (failed_files_line(app, {kTrainImages, kTrainLabels, kTestImages, kTestLabels}, ("This part needs the " + app.classes->title + " " + app.classes->items + ".").c_str()))
    return false;
  ImGui::TextDisabled("Waiting for the %s %s to arrive (%s).", app.classes->title.c_str(), app.classes->items.c_str(), app.data.status.c_str());
  return false;
}

bool advance_runs(AppState& app, RunQueue& queue, double budget_seconds) {
  if (!queue.busy()) return false;
  queue.step(budget_seconds, &app.chapters.remote);
  return true;
}

void tutorial_split_choice(AppState& app, bool& on) {
  ImGui::Checkbox("the tutorial's split", &on);
  if (ImGui::IsItemHovered() && app.data.train && app.data.test) {
    const int all = app.data.train->size() + app.data.test->size(), train = all * 4 / 5;
    wrapped_tooltip("All %s digits pooled and split 80/20 with seed 42, as the tutorial's "
                      "train_test_split(test_size=0.2, random_state=42): %s to train on, %s to test.",
                      thousands(all).c_str(), thousands(train).c_str(), thousands(all - train).c_str());
  }
  if (!on) return;
  ImGui::SameLine();
  ImGui::TextDisabled(app.chapters.remote.available()
                          ? "(its fits run in background Web Workers, off the page's thread)"
                          : "(its fits run on this page's thread, a slice per frame: minutes)");
}

void run_queue_progress(const RunQueue& queue) {
  if (!queue.busy()) return;
  progress_bar(static_cast<float>(queue.fraction()), -1, queue.status().c_str(), "runs progress");
}

ImU32 series_color(int index) {
  static const ImU32 colors[] = {IM_COL32(255, 170, 40, 255), IM_COL32(90, 160, 240, 255),
                                 IM_COL32(110, 200, 120, 255), IM_COL32(230, 90, 90, 255),
                                 IM_COL32(190, 130, 230, 255), IM_COL32(80, 210, 210, 255)};
  return colors[index % 6];
}

// The class of each one-vs-rest problem over its part of a loss curve, at the top of the
// plot where its part is wide enough (the ten restarts alone read as noise).
static void problem_labels(const Plot& plot, const std::vector<int>& starts, std::size_t length,
                           const ClassNames* classes) {
  // The classes' short names ("Boot" for Fashion-MNIST) where every one fits its part, else
  // their numbers: not a mix of both.
  const auto part = [&](std::size_t k) {
    const float from = static_cast<float>(starts[k]);
    const float to = static_cast<float>(k + 1 < starts.size() ? starts[k + 1] : static_cast<int>(length));
    return std::make_pair(plot.at(from, plot.y1).x, plot.at(std::max(from, to), plot.y1).x);
  };
  bool names = classes && starts.size() <= classes->short_names.size();
  for (std::size_t k = 0; names && k < starts.size(); ++k) {
    const auto [left, right] = part(k);
    names = ImGui::CalcTextSize(classes->short_name(static_cast<int>(k)).c_str()).x + 4 <= right - left;
  }
  for (std::size_t k = 0; k < starts.size(); ++k) {
    const auto [left, right] = part(k);
    if (right <= left) continue;  // an empty part (a problem with no iteration yet)
    char number[16];
    std::snprintf(number, sizeof number, "%d", static_cast<int>(k));
    const char* label = names ? classes->short_name(static_cast<int>(k)).c_str() : number;
    const ImVec2 text = ImGui::CalcTextSize(label);
    if (right - left < text.x + 4) continue;
    if (k > 0) plot.draw->AddLine(ImVec2(left, plot.min.y), ImVec2(left, plot.max.y), IM_COL32(255, 255, 255, 40));
    plot.draw->AddText(ImVec2((left + right - text.x) / 2, plot.min.y + 2), IM_COL32(200, 204, 212, 255), label);
  }
}

void loss_curves(const char* id, const RunQueue& queue, ImVec2 size, bool separate, const ClassNames* classes) {
  if (separate) {
    const int n = static_cast<int>(queue.runs().size());
    if (size.x <= 0) size.x = ImGui::GetContentRegionAvail().x;
    float w = (size.x - ImGui::GetStyle().ItemSpacing.x * static_cast<float>(n - 1)) / static_cast<float>(std::max(1, n));
    // Side by side while each gets 260 px, else one above the other (a phone: two 180 px
    // plots had their titles cut and their curves squeezed into hairlines).
    const bool stacked = w < 260.0f;
    if (stacked) w = size.x;
    for (int i = 0; i < n; ++i) {
      const Run& run = *queue.runs()[static_cast<std::size_t>(i)];
      float top = 0.0f;
      for (float v : run.loss)
        if (std::isfinite(v)) top = std::max(top, v);
      if (i > 0 && !stacked) ImGui::SameLine();
      ImGui::PushID(i);
      // One-vs-rest: its problems' curves one after another, each named by its class.
      const bool problems = run.loss_starts.size() > 1;
      const std::string title = run.spec.label + ": log-loss per iteration" + (problems ? ", one class after another" : "");
      Plot plot = begin_plot(id, ImVec2(w, size.y), 0, static_cast<float>(std::max<std::size_t>(1, run.loss.size())), 0,
                             top > 0 ? top * 1.05f : 1.0f, title.c_str(), "iteration", "log-loss");
      plot_series(plot, run.loss, series_color(i));
      if (problems) problem_labels(plot, run.loss_starts, run.loss.size(), classes);
      ImGui::PopID();
    }
    return;
  }
  float top = 0.0f;
  std::size_t longest = 1;
  for (const auto& run : queue.runs()) {
    for (float v : run->loss)
      if (std::isfinite(v)) top = std::max(top, v);
    longest = std::max(longest, run->loss.size());
  }
  if (top <= 0) top = 1;
  Plot plot = begin_plot(id, size, 0, static_cast<float>(longest), 0, top * 1.05f, "log-loss per iteration",
                         "iteration", "log-loss");
  std::vector<std::pair<std::string, ImU32>> legend;
  int i = 0;
  for (const auto& run : queue.runs()) {
    plot_series(plot, run->loss, series_color(i));
    legend.emplace_back(run->spec.label, series_color(i));
    ++i;
  }
  plot_legend(plot, legend, Corner::Best);
}

void upload_tiles(Texture& texture, const std::vector<Eigen::VectorXf>& images, int columns, float lo, float hi) {
  constexpr int kSide = 28;
  const int count = static_cast<int>(images.size());
  if (count == 0) return;
  const int rows = (count + columns - 1) / columns;
  const int width = columns * kSide, height = rows * kSide;
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(width * height), 0);
  const float span = hi > lo ? hi - lo : 1.0f;
  for (int i = 0; i < count; ++i) {
    const Eigen::VectorXf& image = images[static_cast<std::size_t>(i)];
    const int ox = (i % columns) * kSide, oy = (i / columns) * kSide;
    for (int p = 0; p < std::min<int>(kSide * kSide, static_cast<int>(image.size())); ++p) {
      const float v = std::clamp((image(p) - lo) / span, 0.0f, 1.0f);
      bytes[static_cast<std::size_t>((oy + p / kSide) * width + ox + p % kSide)] = static_cast<std::uint8_t>(std::lround(v * 255));
    }
  }
  upload_gray(texture, bytes.data(), width, height);
}

void tile_image(const Texture& texture, int index, int columns, int rows, ImVec2 size, Colormap map) {
  const float u = 1.0f / columns, v = 1.0f / rows;
  const float cx = static_cast<float>(index % columns), cy = static_cast<float>(index / columns);
  colormap_image(texture, size, map, ImVec2(cx * u, cy * v), ImVec2((cx + 1) * u, (cy + 1) * v));
}

void note(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, note_color());
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

void heading(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, heading_color());
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

std::string thousands(long long n) { return with_thousands(n); }

std::string evaluated_items(const AppState& app) {
  return app.eval.on_mine ? "drawings" : "test " + app.classes->items;
}

void evaluated_on_note(const AppState& app) {
  if (!app.eval.on_mine) return;
  const long long count = app.eval.ready ? static_cast<long long>(app.eval.confusion.sum()) : 0;
  const std::string text = "Evaluate is set to your drawings: what follows is the model on your " +
                           (count > 0 ? thousands(count) + " " : std::string()) +
                           "drawings, not on the test " + app.classes->items + ".";
  note(text.c_str());
}


namespace {

// One cell of the runs table: field 0 the run's name, 1 features, 2 iterations, 3 what
// stopped it, 4 fit seconds, 5 and on the scores.
void run_cell(const Run& run, int index, int field, const std::vector<std::string>& scores) {
  switch (field) {
    case 0:
      cell_text_colored(ImGui::ColorConvertU32ToFloat4(series_color(index)), "%s", run.spec.label.c_str());
      return;
    case 1:
      if (run.model || run.precomputed) cell_text("%s", thousands(run.features()).c_str()); else cell_text_disabled("-");
      return;
    case 2: cell_text("%s", thousands(run.training.iteration).c_str()); return;
    case 3:
      if (!run.error.empty()) {
        cell_text_colored(ImGui::ColorConvertU32ToFloat4(error_text_color()), "%s", run.error.c_str());
      } else if (run.model || run.precomputed) {
        const TrainingStatus st = run.training.status;
        const bool warn = st != TrainingStatus::Converged;  // a failed line search is a warning too
        cell_text_colored(warn ? ImVec4(1, 0.7f, 0.3f, 1) : ImVec4(0.6f, 0.9f, 0.6f, 1), "%s", status_words(st));
        if (warn && ImGui::IsItemHovered()) wrapped_tooltip("%s", run.training.message.c_str());
      } else {
        cell_text_disabled("running");
      }
      return;
    case 4:
      // A precomputed run's seconds were the build machine's, natively: not shown as the page's.
      if (run.model) cell_text("%.1f", run.fit_seconds); else cell_text_disabled("-");
      return;
    default: {
      const double a = run.accuracy(scores[static_cast<std::size_t>(field - 5)]);
      if (std::isfinite(a)) cell_text("%.2f%%", 100 * a); else cell_text_disabled("-");
    }
  }
}

}  // namespace

// Below a runs table that shows "line search gave up", what that means.
static void line_search_note(const RunQueue& queue) {
  for (const auto& run : queue.runs())
    if ((run->model || run->precomputed) && run->error.empty() && run->training.status == TrainingStatus::LineSearchFailed) {
      ImGui::TextDisabled("line search gave up: L-BFGS found no step along its direction that lowers the loss, "
                          "usually because it is already at the lowest loss float arithmetic can tell apart; the "
                          "model is its last accepted step.");
      return;
    }
}

void runs_table(const char* id, const RunQueue& queue, const std::vector<std::string>& scores) {
  if (queue.empty()) return;
  std::vector<std::string> headers = {"run", "features", "iterations", "stopped by", "fit time (s)"};
  for (const std::string& s : scores) headers.push_back(s + " accuracy");
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit |
                                ImGuiTableFlags_NoHostExtendX;
  // A run a row while that fits the line; on a phone a run a column (two or three runs
  // are narrower than eight fields).
  const auto& runs = queue.runs();
  items_table(id, headers, static_cast<int>(runs.size()),
              [&](int item, int field, bool) { run_cell(*runs[static_cast<std::size_t>(item)], item, field, scores); },
              flags);
  line_search_note(queue);
}

void runs_json(JsonWriter& j, const RunQueue& queue) {
  j.begin_array();
  for (const auto& run : queue.runs()) {
    j.begin_object().key("label").value(run->spec.label).key("done").value(run->done)
        .key("status").value(run->model || run->precomputed ? to_string(run->training.status)
                             : run->error.empty() ? "running" : "error")
        .key("error").value(run->error).key("iterations").value(run->training.iteration)
        .key("features").value(run->features()).key("fit_seconds").value(run->fit_seconds)
        .key("train_digits").value(run->train_count)
        .key("test_digits").value(run->evaluation_counts.empty() ? 0 : run->evaluation_counts.front())
        .key("precomputed").value(run->precomputed)
        .key("loss_points").value(static_cast<int>(run->loss.size()))
        .key("passes").value(run->training.passes).key("loss").value(run->training.loss)
        // Where its fit ran or runs: "worker" (the chapter worker), "page" (this thread), "" before it starts.
        .key("fitted_in").value(run->fitted_remotely || run->remote_id ? "worker"
                                : run->model || run->fit ? "page" : "")
        // How many workers share its rows, from its last report (0 on the page, or before
        // the first report): the chapters' set's count for an L-BFGS fit (softmax or
        // one-vs-rest; 1, 2 or 4 as the cores allow, ?workers=N), 1 for the fits that are
        // not shared (Newton-CG, SAG, mini-batch).
        .key("workers").value(run->fitted_remotely || run->remote_id ? run->workers : 0);
    j.key("problem_starts").begin_array();  // where each one-vs-rest problem's part of the curve starts
    for (int start : run->loss_starts) j.value(start);
    j.end_array();
    j.key("accuracy").begin_object();
    for (const RunScore& s : run->scores) j.key(s.name).value(s.accuracy);
    j.end_object().end_object();
  }
  j.end_array();
}


void confusion_heatmap(const char* title, const ConfusionMatrix& cm, float cell, bool is_signed) {
  ImGui::TextUnformatted(title);
  ImGui::TextDisabled("rows: true digit, columns: predicted");
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float label = matrix_label_width();
  const int n = static_cast<int>(cm.rows());
  ImGui::Dummy(ImVec2(label + n * cell, label + n * cell));
  long long top = 1;
  for (int t = 0; t < n; ++t)
    for (int p = 0; p < n; ++p)
      if (is_signed || t != p) top = std::max(top, std::abs(cm(t, p)));
  matrix_axis_labels(draw, origin, cell, n);
  for (int t = 0; t < n; ++t)
    for (int p = 0; p < n; ++p) {
      const ImVec2 a(origin.x + label + p * cell, origin.y + label + t * cell), b(a.x + cell - 1, a.y + cell - 1);
      const long long v = cm(t, p);
      ImU32 color;
      if (is_signed && t == p) {
        // More right answers on the diagonal: green; fewer: red.
        const float f = std::min(1.0f, std::sqrt(std::abs(static_cast<float>(v)) / static_cast<float>(top)));
        color = v >= 0 ? IM_COL32(static_cast<int>(242 - 182 * f), static_cast<int>(242 - 92 * f), static_cast<int>(242 - 162 * f), 255)
                       : IM_COL32(static_cast<int>(242 - 62 * f), static_cast<int>(242 - 238 * f), static_cast<int>(242 - 204 * f), 255);
      } else if (is_signed) {
        const float f = std::min(1.0f, std::sqrt(std::abs(static_cast<float>(v)) / static_cast<float>(top)));
        color = v < 0 ? IM_COL32(static_cast<int>(242 - 183 * f), static_cast<int>(242 - 166 * f), static_cast<int>(242 - 50 * f), 255)
                      : IM_COL32(static_cast<int>(242 - 62 * f), static_cast<int>(242 - 238 * f), static_cast<int>(242 - 204 * f), 255);
      } else {
        // Off-diagonal cells on their own scale: the errors are what a learner looks for.
        color = t == p ? IM_COL32(60, 110, 70, 255) : blues(std::sqrt(static_cast<float>(v) / static_cast<float>(top)));
      }
      draw->AddRectFilled(a, b, color);
      // A difference of 0 is left blank (nothing changed); a count of 0 is written, as in
      // Evaluate's matrix.
      if (cell >= 22 && (v != 0 || !is_signed)) cell_number(draw, a, cell, v, text_color_on(color));
    }
}

}  // namespace digitlab::app
