// The tutorial's chapters and "Questions to Explore" as panels, the lesson mode that
// walks them, and the embedded mode that shows one panel alone (?panel=sigmoid), with
// the helpers they share. Each chapter is one file, listed in chapter_registry.cpp; it
// draws from its own state in AppState::chapters and starts work only through RunQueue
// and the block-wise core jobs, advanced by advance_chapters() a budget at a time.
#pragma once

#include <imgui.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/chapters/chapter_registry.hpp"
#include "app/shell/app_state.hpp"
#include "app/widgets/colormap.hpp"
#include "app/widgets/texture.hpp"
#include "core/common/json_writer.hpp"
#include "core/data/augment.hpp"
#include "core/metrics/binary_metrics.hpp"
#include "core/preprocessing/pca.hpp"
#include "core/preprocessing/scalers.hpp"
#include "core/tutorial/digit_statistics.hpp"
#include "core/tutorial/sigmoid_simulation.hpp"
#include "lessons/chapter_results.hpp"
#include "lessons/chapter_runs.hpp"
#include "lessons/experiments.hpp"
#include "lessons/questions.hpp"

namespace digitlab::app {

// [SECTION] Panels

struct PanelInfo {
  Panel panel;
  const char* key;     // URL and window.digitlab name: "sigmoid"
  const char* title;   // tab title
  PanelGroup group;
  void (*draw)(AppState&);
  const char* lesson;  // the lesson mode's text for this step ("" if not a lesson step)
};

// Every panel in tab order: the four main ones, then the chapters (chapter_registry.cpp).
const std::vector<PanelInfo>& panel_infos();
const PanelInfo& panel_info(Panel panel);
const char* panel_key(Panel panel);
int panel_from_key(const std::string& key);  // -1 if unknown
// The tab that holds a group's panels ("Tutorial", "Questions"; "" for the main ones).
const char* group_title(PanelGroup group);
// The main tab bar's titles in order: the main panels', then the groups' tabs.
const std::vector<const char*>& main_tab_titles();
// The threshold question's digit and threshold (chapter_threshold.cpp), which Evaluate's
// Calibration section applies to the model's and the calibrated probabilities.
std::pair<int, float> threshold_question_choice(AppState& app);
// The lesson's steps: the chapters, then the questions.
const std::vector<Panel>& lesson_steps();

// [SECTION] Frame pieces for app.cpp

// The "Tutorial" and "Questions" tabs with their sub-tabs, inside the main tab bar.
void chapter_tabs(AppState& app);
// ImGui::BeginTabBar and BeginTabItem for the main tab bar's six tabs, their padding
// narrowed while the six do not fit the line (a phone), so that ImGui does not cut a title
// to "Eval...". The bar keeps its padding for the titles' place, the items for their width.
bool begin_main_tab_bar(const char* id);
bool begin_main_tab(const char* title, ImGuiTabItemFlags flags);
// The "Lesson" button of the title line, at its right end; a short label when the line
// has no room for the long one. The narrowest it gets, for the title line's layout:
void lesson_button(AppState& app);
float lesson_button_min_width();
// Lesson mode instead of the tab bar: step text, Back / Next, the step's panel.
void lesson_view(AppState& app);
// Embedded mode: the one panel, nothing else.
void embedded_view(AppState& app);

// Advances chapter work (statistics, fits, experiments) by about budget_seconds; the
// visible panel's work goes first, one piece of work per frame. True when some chapter
// had work (ChapterDef::advance).
bool advance_chapters(AppState& app, double budget_seconds);

// Settings from a URL query or window.digitlab.open(): "panel=sigmoid&threshold=0.7".
// Unknown keys are ignored; an unknown panel or a bad value is a notice.
void apply_query(AppState& app, const std::string& query);
// The other direction (address.cpp): the query, without '?', that shows what the page
// shows now, only its values that are not the defaults: "panel=sigmoid&threshold=0.7" for
// an embedded panel, "panel=pca&embed=0&components=20", "lesson=3", "" for the Draw panel.
std::string current_address(const AppState& app);

// The chapters' part of window.digitlab.state(); without texts, no "chapters" (each
// chapter's notes and figures, the larger part of the state).
void write_chapters_json(JsonWriter& j, const AppState& app, bool with_texts = true);

// [SECTION] Shared helpers (chapter_common.cpp)

// A stratified subset of the loaded training or test digits (nullptr while loading).
std::shared_ptr<const Dataset> train_digits(const AppState& app, int count, std::uint32_t seed = 0);
std::shared_ptr<const Dataset> test_digits(const AppState& app, int count);
// The page loaded other training digits: what the chapters gathered from the old ones
// (MNIST's statistics, the scalers' pictures) is gathered again when next shown.
void forget_training_summaries(AppState& app);

// "waiting for the digits" text (or which file failed, with Retry); true when the
// training and test digits are loaded.
bool digits_ready(AppState& app);
// "the tutorial's split" (experiments.hpp: tutorial_split_digits), with where its fits run.
void tutorial_split_choice(AppState& app, bool& on);
// One slice of a queue's runs (RunQueue::step), their fits in the chapter worker where
// the page has one (ChapterState::remote); false when it has none to run.
bool advance_runs(AppState& app, RunQueue& queue, double budget_seconds);
// A progress bar with the queue's status while it runs; nothing when idle.
void run_queue_progress(const RunQueue& queue);
// Loss per iteration of each run, one colour each, with a legend; `separate`: one plot
// per run, side by side, each with its own iteration axis.
// `classes` names one-vs-rest's parts of a curve (their numbers where null).
void loss_curves(const char* id, const RunQueue& queue, ImVec2 size, bool separate = false,
                 const ClassNames* classes = nullptr);
ImU32 series_color(int index);

// 28x28 images (values lo..hi) side by side in one texture, `columns` per row.
void upload_tiles(Texture& texture, const std::vector<Eigen::VectorXf>& images, int columns, float lo, float hi);
// Tile `index` of a texture of `columns` x `rows` tiles, through `map`.
void tile_image(const Texture& texture, int index, int columns, int rows, ImVec2 size, Colormap map);
// A wrapped paragraph in the muted colour.
void note(const char* text);
// Section heading.
void heading(const char* text);
// "12,345".
std::string thousands(long long n);
// What the page's evaluation counted: "test digits", or "drawings" while Evaluate is set
// to the learner's own; the chapters that read the evaluation say it with this.
std::string evaluated_items(const AppState& app);
// While Evaluate is set to the learner's drawings, a line saying the figures below are theirs.
void evaluated_on_note(const AppState& app);

// [SECTION] Plots (chapter_plot.cpp)

struct Plot {
  ImDrawList* draw = nullptr;
  ImVec2 min, max;          // the data area in screen coordinates
  ImVec2 box_min, box_max;  // the whole plot, its labels and title included
  float x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  // Screen points the series drew (lines sampled every few pixels), for Corner::Best.
  mutable std::vector<ImVec2> marks;
  ImVec2 at(float x, float y) const;
};

// Reserves `size`, draws the frame, grid, ticks and labels, and returns the mapping.
// With y_powers_of_ten, y is log10 of the value: the ticks fall on whole powers and read
// as the values (1, 0.01, 1e-6).
Plot begin_plot(const char* id, ImVec2 size, float x0, float x1, float y0, float y1, const char* title,
                const char* x_label = "", const char* y_label = "", bool y_powers_of_ten = false);
void plot_line(const Plot& plot, const std::vector<float>& xs, const std::vector<float>& ys, ImU32 color,
               float thickness = 2.0f);
void plot_series(const Plot& plot, const std::vector<float>& ys, ImU32 color, float x_start = 0,
                 float x_step = 1, float thickness = 2.0f);
void plot_points(const Plot& plot, const std::vector<float>& xs, const std::vector<float>& ys,
                 const std::vector<ImU32>& colors, float radius = 3.5f);
void plot_hline(const Plot& plot, float y, ImU32 color, const char* label = nullptr);
void plot_vline(const Plot& plot, float x, ImU32 color, const char* label = nullptr);
// Bars of `width` data units centred on xs.
// With `label_format` ("%.1f"), each bar's value is written above it.
void plot_bars(const Plot& plot, const std::vector<float>& xs, const std::vector<float>& heights, float width,
               ImU32 color, const char* label_format = nullptr);
// Best: the corner whose box covers the fewest of the series' points (matplotlib's
// loc="best"), in the order top right, top left, bottom left, bottom right on a tie; the
// box one entry a line, or all on one line where that covers fewer and fits. Reference
// lines (plot_hline, plot_vline) do not count: a legend over a strip of one is better
// than over a curve's end.
enum class Corner { TopRight, TopLeft, BottomRight, BottomLeft, Best };
// Marks a segment drawn by hand (an error bar) for Corner::Best.
void plot_mark_segment(const Plot& plot, ImVec2 a, ImVec2 b);
void plot_legend(const Plot& plot, const std::vector<std::pair<std::string, ImU32>>& entries,
                 Corner corner = Corner::TopRight);
// The same entries as a line of the panel's own (before the plot), for a plot whose every
// corner may hold data: a box inside would hide some.
void legend_line(const std::vector<std::pair<std::string, ImU32>>& entries);
// Where an accuracy chart's y axis starts, in percent: 5 points under the lowest scored
// value (NaN: not yet scored), down to a multiple of 10, so the gaps show and no bar is cut.
float accuracy_axis_start(const std::vector<float>& percents);
// A bar chart's frame: one slot per category at x = 0, 1, ..., named below the axis.
Plot begin_category_plot(const char* id, ImVec2 size, const std::vector<std::string>& categories, float y0, float y1,
                         const char* title);

// [SECTION] Pieces of state() the chapters share

// The runs of a queue as a JSON array: label, status, iterations, features, seconds and
// the accuracy on each evaluated set.
void runs_json(JsonWriter& j, const RunQueue& queue);

// [SECTION] Tables and heatmaps (chapter_common.cpp)

// A table of a queue's runs: label, features, iterations, stopping status, fit seconds,
// then the accuracy on each named evaluation.
void runs_table(const char* id, const RunQueue& queue, const std::vector<std::string>& scores);

// A 10x10 confusion matrix as a heatmap (rows true, columns predicted) of `cell` px
// cells. Signed: a difference of two matrices; on the diagonal green above zero, off it
// blue below zero and red above.
void confusion_heatmap(const char* title, const ConfusionMatrix& cm, float cell, bool is_signed = false);

}  // namespace digitlab::app
