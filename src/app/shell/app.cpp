// The app: one AppState, a frame function that advances the page's work by a small
// budget and draws the panels, and the answers to window.digitlab's questions.
#include "app/shell/app.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

#include "app/shell/access_json.hpp"
#include "app/shell/compare_json.hpp"
#include "app/shell/dataset_switch.hpp"
#include "app/shell/app_state.hpp"
#include "app/shell/share.hpp"
#include "app/chapters/chapters.hpp"
#include "app/work/file_status.hpp"
#include "app/logic/query_format.hpp"
#include "core/common/json_writer.hpp"
#include "app/panels/panels.hpp"
#include "app/work/my_drawings.hpp"
#include "app/work/work.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/layout_check.hpp"
#include "app/widgets/widgets.hpp"

namespace digitlab::app {

struct App {
  AppState state;
  std::chrono::steady_clock::time_point last_frame = std::chrono::steady_clock::now();
  int applied_style = -1;  // the theme and pointer the ImGui style was last built for
  LayoutReport layout;     // what the last frame left out of sight (layout_check.hpp)
  bool worked = false;     // the last frame advanced training, evaluation or chapter work here
  // Frames built (frame() ran) and of them those the platform put on the canvas: an
  // unchanged picture is not presented again (app/logic/frame_pacing.hpp).
  long long frames_drawn = 0, frames_presented = 0;
};

namespace {

// Work per frame: 16 ms of training, plus drawing, keeps frames near 30 per second
// while training gets about half of the time (a frame loop that only trained
// would freeze the page; see the note on a Web Worker in README.md).
constexpr double kWorkBudgetSeconds = 0.016;

void track_frame_time(App& app) {
  const auto now = std::chrono::steady_clock::now();
  const double ms = std::chrono::duration<double, std::milli>(now - app.last_frame).count();
  app.last_frame = now;
  if (training_running(app.state)) app.state.train.longest_frame_ms = std::max(app.state.train.longest_frame_ms, ms);
}

// The layout check's findings (layout_check.hpp), for the layout test.
void write_layout_json(JsonWriter& j, const LayoutReport& r) {
  j.key("layout").begin_object().key("width").value(r.width).key("height").value(r.height)
      .key("rightmost").value(r.rightmost).key("frame_height").value(r.frame_height).key("touch_target").value(r.touch_target)
      .key("font_size").value(r.font_size);
  for (const auto& [key, list] : {std::pair<const char*, const std::vector<LayoutOverflow>*>{"cut", &r.cut},
                                  {"unreachable", &r.unreachable},
                                  {"cut_tabs", &r.cut_tabs}}) {
    j.key(key).begin_array();
    for (const LayoutOverflow& o : *list) j.begin_object().key("window").value(o.window).key("by").value(o.by).end_object();
    j.end_array();
  }
  j.end_object();
}

constexpr const char* kImportLabel = "Import model...";
constexpr const char* kExportLabel = "Export model";

// The two model buttons' width, and the width the status text wraps at: beside them when
// at least 160 px are left, else on a line of its own (a phone).
float status_buttons_width() {
  const ImGuiStyle& style = ImGui::GetStyle();
  return ImGui::CalcTextSize(kImportLabel).x + ImGui::CalcTextSize(kExportLabel).x + 4 * style.FramePadding.x +
         2 * style.ItemSpacing.x;
}
bool status_text_beside_buttons() { return ImGui::GetContentRegionAvail().x - status_buttons_width() >= 160; }
// The footer shows at most three lines of its text.
float status_text_most_height() { return 3 * ImGui::GetTextLineHeightWithSpacing(); }

void status_line(AppState& s) {
  ImGui::Separator();
  const bool beside = status_text_beside_buttons();
  // The model as a file: the page opens its file picker or downloads (web/digitlab.js).
  if (compact_button(kImportLabel)) s.model.import_requested = true;
  ImGui::SameLine();
  ImGui::BeginDisabled(!s.model.pipeline);
  if (compact_button(kExportLabel)) s.model.export_requested = true;
  ImGui::EndDisabled();
  if (beside) ImGui::SameLine();
  // A text longer than the footer's lines (a ConvergenceWarning on a phone took 150 px)
  // scrolls in them, so the panel above keeps its room.
  const std::string& text = s.notice.empty() ? s.data.status : s.notice;
  const bool scrolls = ImGui::CalcTextSize(text.c_str(), nullptr, false, ImGui::GetContentRegionAvail().x).y >
                       status_text_most_height();
  if (scrolls) ImGui::BeginChild("status_text", ImVec2(0, status_text_most_height()));
  ImGui::PushTextWrapPos(0.0f);
  if (!s.notice.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, s.notice_is_error ? error_text_color() : success_text_color());
    ImGui::TextUnformatted(s.notice.c_str());
    ImGui::PopStyleColor();
  } else {
    ImGui::TextDisabled("%s", s.data.status.c_str());
  }
  ImGui::PopTextWrapPos();
  if (scrolls) ImGui::EndChild();
}

// The ImGui style for the theme and the pointer, rebuilt from ImGui's defaults when either
// changes. A finger needs controls at least 32 CSS px tall (16 px text + 2 x 8 px padding)
// and more room between them; the mouse keeps ImGui's compact sizes.
void apply_style(App& app) {
  const AppState& s = app.state;
  const int wanted = (s.light_theme ? 1 : 0) + (s.coarse_pointer ? 2 : 0);
  if (wanted == app.applied_style) return;
  app.applied_style = wanted;
  ImGuiStyle style;
  if (s.light_theme) {
    ImGui::StyleColorsLight(&style);
  } else {
    ImGui::StyleColorsDark(&style);
    // White text over a progress bar's fill and a slider's grab: ImGui's yellow fill gave it
    // a contrast of 1.7:1 and the blue grab 3.7:1. A darker green fill (5.5:1), and a grab
    // that lets the field's dark blue through (about 5:1), keep the words and values readable.
    style.Colors[ImGuiCol_PlotHistogram] = ImVec4(0.13f, 0.47f, 0.33f, 1.0f);
    style.Colors[ImGuiCol_PlotHistogramHovered] = ImVec4(0.16f, 0.55f, 0.39f, 1.0f);
    style.Colors[ImGuiCol_SliderGrab].w = 0.55f;
    style.Colors[ImGuiCol_SliderGrabActive].w = 0.7f;
  }
  if (s.coarse_pointer) {
    // Controls 36 px tall (16 px text), and a touch counts 4 px around each: a 44 px
    // target, the size Apple's guidelines and WCAG 2.5.5 ask for (it was 40).
    style.FramePadding = ImVec2(10, 10);
    style.ItemSpacing = ImVec2(10, 8);
    style.ItemInnerSpacing = ImVec2(8, 6);
    style.GrabMinSize = 24;     // a slider's grab a fingertip can find
    style.ScrollbarSize = 18;
    style.TouchExtraPadding = ImVec2(4, 4);
  }
  ImGui::GetStyle() = style;
}

// "Digit Lab", the tagline when the line has room for it, the theme toggle, "Copy link"
// (share.hpp) and the Lesson button at the right (navigation.cpp).
void title_line(AppState& s) {
  const char* title = "Digit Lab";
  const char* tagline = s.classes->digits() ? "learn classification from 70,000 handwritten digits"
                                             : "learn classification from 70,000 pictures of clothing";
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float toggle = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("light").x;
  const float needed = ImGui::CalcTextSize(title).x + ImGui::CalcTextSize(tagline).x + toggle + share_buttons_width(false) +
                       lesson_button_min_width() + 5 * spacing;
  const bool with_tagline = needed <= ImGui::GetContentRegionAvail().x;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(title);
  if (with_tagline) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tagline);
  }
  ImGui::SameLine();
  // For projectors and printed handouts (also theme=light in the address).
  ImGui::Checkbox("light", &s.light_theme);
  share_buttons(s, false);  // "Copy link"; the embedded view adds "Copy embed code"
  lesson_button(s);
}

// The title line, the tabs (or the lesson) and the status line.
void main_view(AppState& s) {
  title_line(s);
  if (s.chapters.lesson.active) {
    lesson_view(s);
  } else if (begin_main_tab_bar("panels")) {
    for (const PanelInfo& info : panel_infos()) {
      if (info.group != PanelGroup::Main) continue;
      // A panel chosen from outside (window.digitlab.showPanel) is selected once.
      const ImGuiTabItemFlags flags = s.requested_panel == static_cast<int>(info.panel) ? ImGuiTabItemFlags_SetSelected : 0;
      if (begin_main_tab(info.title, flags)) {
        s.panel = info.panel;
        begin_panel_child("panel", ImVec2(0, -status_room(s)));
        info.draw(s);
        end_panel_child();
        ImGui::EndTabItem();
      }
    }
    chapter_tabs(s);  // "Tutorial" and "Questions"
    s.requested_panel = -1;
    ImGui::EndTabBar();
  }
  status_line(s);
}

}  // namespace

float status_room(const AppState& s) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::string& text = s.notice.empty() ? s.data.status : s.notice;
  const bool beside = status_text_beside_buttons();
  const float wrap = ImGui::GetContentRegionAvail().x - (beside ? status_buttons_width() : 0.0f);
  const float lines = std::min(ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap).y, status_text_most_height()) +
                      (beside ? 0.0f : ImGui::GetFrameHeightWithSpacing());
  return std::max(ImGui::GetFrameHeightWithSpacing() * 1.6f, lines + 2 * style.ItemSpacing.y + 2);
}

App* create_app(std::string program) {
  App* app = new App();
  app->state.program = std::move(program);
  return app;
}

void frame(App& app) {
  AppState& s = app.state;
  const auto started = std::chrono::steady_clock::now();
  ++app.frames_drawn;
  track_frame_time(app);
  const bool training = training_running(s);
  const std::string stage = training ? to_string(s.train.progress().stage) : "";
  app.worked = advance_work(s, kWorkBudgetSeconds);
  // The chapters' experiments get what is left of the budget, and wait while the Train
  // panel trains (its frames are measured).
  const double spent = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!training && advance_chapters(s, std::max(0.004, kWorkBudgetSeconds - spent))) app.worked = true;

  apply_style(app);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  // No background: the canvas is cleared to the colour it would have drawn
  // (page_background()). Where WebGL runs on the CPU, that blended full-screen quad was a
  // third of what the rasterizer spent on a frame (headless Chromium, SwiftShader,
  // 1280x800, the Train panel: its threads took 16% of a core at 4 frames a second with
  // it, 10.5% without; the clear and the compositing alone 3.8%), which the workers train with.
  ImGui::Begin("Digit Lab", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground);
  // NoBackground drops the window's 1-px outer border too (ImGui 1.86's
  // RenderWindowOuterBorders): drawn as it was, behind every window.
  const ImGuiStyle& style = ImGui::GetStyle();
  if (style.WindowBorderSize > 0) {
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    ImGui::GetBackgroundDrawList()->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), ImGui::GetColorU32(ImGuiCol_Border),
                                            style.WindowRounding, 0, style.WindowBorderSize);
  }
  if (s.chapters.embedded)  // ?panel=...: that panel alone, for an iframe
    embedded_view(s);
  else
    main_view(s);
  ImGui::End();
  app.layout = check_layout();
  glossary_end_frame(s.glossary);
  // The frame's own work (training slice and UI), apart from the browser's drawing.
  const double work_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  if (training) {
    ++s.train.work_frames;
    if (work_ms > 50) ++s.train.slow_work_frames;
  }
  if (training && work_ms > s.train.longest_work_ms) {
    s.train.longest_work_ms = work_ms;
    s.train.longest_work_stage = stage;
  }
}

Rgb page_background() {
  // The style's window background over the canvas colour the page had under it, as the
  // GPU blended them: both in 8 bits (ImGui's vertex colours; the 8-bit canvas), so the
  // clear lands on the pixels the window drew (the dark theme's is 94% opaque: 15, 15, 15
  // over 20, 20, 23 gives 15, 15, 15; unrounded, the clear came out at 16).
  constexpr Rgb kUnder{0.08f, 0.08f, 0.09f};
  const auto bits8 = [](float v) { return std::round(std::clamp(v, 0.0f, 1.0f) * 255.0f) / 255.0f; };
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  const float alpha = bits8(bg.w);
  const auto over = [&](float top, float under) { return bits8(top) * alpha + bits8(under) * (1 - alpha); };
  return {over(bg.x, kUnder.r), over(bg.y, kUnder.g), over(bg.z, kUnder.b)};
}

bool training_in_workers(const App& app) {
  return (app.state.train.in_worker && training_running(app.state)) || app.state.chapters.remote.busy();
}

void frame_skipped(App& app) { app.last_frame = std::chrono::steady_clock::now(); }

void frame_presented(App& app) { ++app.frames_presented; }

bool working(const App& app) { return app.worked; }

std::string state_json(const App& app, bool with_texts) {
  const AppState& s = app.state;
  JsonWriter j;
  j.begin_object();
  j.key("ready").value(s.model.pipeline.has_value());
  j.key("program").value(s.program);
  j.key("panel").value(panel_key(s.panel));
  j.key("frames").begin_object().key("drawn").value(app.frames_drawn).key("presented").value(app.frames_presented).end_object();
  j.key("model").value(s.model.source);
  j.key("prediction");
  if (s.draw.prediction >= 0) j.value(s.draw.prediction); else j.null();
  j.key("softmax").begin_array();
  for (Eigen::Index k = 0; k < s.draw.softmax.size(); ++k) j.value(static_cast<double>(s.draw.softmax(k)));
  j.end_array().key("sigmoid").begin_array();
  for (Eigen::Index k = 0; k < s.draw.sigmoid.size(); ++k) j.value(static_cast<double>(s.draw.sigmoid(k)));
  j.end_array();
  const DrawingNormalization& n = s.draw.normalization;  // what was done to the strokes
  j.key("drawing").begin_object().key("box_width").value(n.box_width).key("box_height").value(n.box_height)
      .key("scale").value(n.scale).key("pen_width").value(n.pen_width).end_object();
  const Explanation& e = s.draw.explanation;
  j.key("explanation").begin_object().key("shown").value(e.shown);
  if (e.shown && e.predicted >= 0 && !e.dirty) {
    j.key("predicted").value(e.predicted).key("against").value(e.other)
        .key("baseline").value(e.mean_baseline ? "mean" : "empty")
        .key("difference").value(e.map.difference).key("baseline_difference").value(e.map.baseline_difference)
        .key("sum").value(e.map.per_pixel.sum());
  }
  j.end_object();
  // The dataset shown (dataset_switch.hpp), the ones the site has, and its class names.
  j.key("dataset").value(s.classes->key).key("datasets").begin_array();
  for (const std::string& key : s.datasets) j.value(key);
  j.end_array().key("class_names").begin_array();
  for (const std::string& name : s.classes->names) j.value(name);
  j.end_array();
  j.key("data").begin_object().key("train").value(s.data.train ? s.data.train->size() : 0)
      .key("test").value(s.data.test ? s.data.test->size() : 0).end_object();

  j.key("training").begin_object();
  const TrainState& t = s.train;
  j.key("running").value(training_running(s));
  if (t.has_run()) {
    const FitProgress& p = t.progress();
    // workers: how many Web Workers share the rows (0 on the page's own thread);
    // covariance_workers: how many summed the PCA covariance's rows.
    j.key("where").value(t.where()).key("workers").value(t.in_worker ? t.report.shards : 0)
        .key("covariance_workers").value(t.in_worker ? t.report.covariance_shards : 0)
        .key("worker_problem").value(t.worker_problem);
    j.key("stage").value(to_string(p.stage)).key("iteration").value(p.training.iteration)
        .key("loss").value(p.stage >= FitStage::Training && p.training.passes > 0 ? p.training.loss : std::nan(""))
        .key("progress").value(p.fraction).key("elapsed_seconds").value(p.elapsed_seconds)
        .key("status").value(p.stage == FitStage::Done ? to_string(p.training.status) : "running")
        .key("message").value(p.training.message).key("longest_frame_ms").value(t.longest_frame_ms)
        .key("longest_work_ms").value(t.longest_work_ms).key("longest_work_stage").value(t.longest_work_stage)
        .key("frames").value(t.work_frames).key("frames_over_50_ms").value(t.slow_work_frames)
        .key("digits").value(t.fit_digits)
        .key("validation_digits").value(t.validation ? t.validation->size() : 0)
        .key("curve_source").value("validation").key("curve_digits").value(t.report.curve_digits)
        .key("curve_points").value(static_cast<int>(t.accuracy_curve.size()))
        .key("passes").value(p.training.passes)
        .key("training_seconds").value(p.training.wall_seconds)  // the training stage, waits included
        .key("preprocess_seconds").value(p.preprocess_seconds);  // scaling, PCA and features, before it
    j.key("stopped_by");
    if (p.stage == FitStage::Done) j.value(stopped_by(p.training.status)); else j.null();
    // The settled rule's window on the accuracy curve, as the Train panel shades it (null
    // before it holds one, and under scikit-learn's rule), and the line under the curve.
    const SettledRuleView rule = settled_rule_view(s);
    j.key("rule_window");
    if (rule.window.shown)
      j.begin_object().key("first_pass").value(rule.window.first_pass).key("last_pass").value(rule.window.last_pass)
          .key("low").value(static_cast<double>(rule.window.low)).key("high").value(static_cast<double>(rule.window.high))
          .key("change_points").value(static_cast<double>(rule.window.change_points())).end_object();
    else
      j.null();
    j.key("rule_text").value(rule.text);
    // The rule's latest average (what the green line ends at), null before its first.
    j.key("rule_average");
    const std::vector<float>& averages = t.report.rule_average_by_pass;
    if (!averages.empty() && std::isfinite(averages.back())) j.value(static_cast<double>(averages.back())); else j.null();
    // The validation curve (a value per pass, from the pass its digits were ready: the
    // first in a worker) and, under the settled rule, which of its values were fed to the
    // rule (empty under scikit-learn's): a check can redo the rule's averages.
    j.key("accuracy_curve").begin_array();
    for (float a : t.report.accuracy_by_pass) j.value(static_cast<double>(a));
    j.end_array().key("rule_fed").begin_array();
    for (std::uint8_t fed : t.report.rule_fed_by_pass) j.value(static_cast<int>(fed));
    j.end_array();
    // The settled rule's own settings, so a report says which rule ran.
    j.key("settled_window").value(rule.settings.window)
        .key("settled_tolerance_points").value(rule.settings.tolerance * 100)
        .key("settled_average").value(rule.settings.average);
  } else if (!t.outcome.empty()) {  // the run ended in an exception (fail_training)
    j.key("stage").value("done").key("iteration").value(t.failed_at_iteration).key("loss").null()
        .key("progress").value(0.0).key("status").value("failed").key("message").value(t.outcome);
  } else {
    j.key("iteration").value(0).key("loss").null().key("progress").value(0.0);
  }
  // The run's rule while there is one, else the one the form would use.
  j.key("stop_rule").value(t.has_run() ? to_string(t.rule) : s.form.stop_rule == 0 ? "settled" : "sklearn");
  j.key("estimate").value(s.train.estimate).key("details_shown").value(s.train.details);
  // The device's pass speed the estimates use once a run measured it (0: the guess).
  j.key("measured_gflops").value(s.train.measured_flops_per_second / 1e9);
  // The Train panel's line for the form's settings, and which speed it is at.
  j.key("form_estimate").value(form_estimate(s).line).key("form_estimate_speed").value(device_speed(s).source);
  // The live view (panels/train_live.cpp): the pass it shows and its confusion matrix.
  const LiveTrainingView& live = s.train.live;
  j.key("live").begin_object().key("pass").value(live.pass).key("refreshes").value(live.refreshes)
      .key("refresh_ms").value(live.refresh_ms).key("confusion").begin_array();
  for (Eigen::Index t = 0; live.pass >= 0 && t < live.confusion.rows(); ++t) {
    j.begin_array();
    for (Eigen::Index p = 0; p < live.confusion.cols(); ++p) j.value(live.confusion(t, p));
    j.end_array();
  }
  j.end_array().end_object();
  j.end_object();

  j.key("accuracy");
  if (s.eval.ready) j.value(s.eval.report.accuracy); else j.null();
  j.key("evaluated").value(s.eval.ready ? s.eval.report.total : 0);
  j.key("evaluated_on").value(s.eval.on_mine ? "mine" : s.classes->key);
  j.key("my_drawings").begin_object().key("version").value(s.mine.version).key("labels").begin_array();
  if (s.mine.set)
    for (int label : s.mine.set->labels) j.value(label);
  j.end_array().end_object();
  j.key("confusion");
  if (s.eval.ready) {
    j.begin_array();
    for (Eigen::Index t = 0; t < s.eval.confusion.rows(); ++t) {
      j.begin_array();
      for (Eigen::Index p = 0; p < s.eval.confusion.cols(); ++p) j.value(s.eval.confusion(t, p));
      j.end_array();
    }
    j.end_array();
  } else {
    j.null();
  }
  write_calibration_json(j, s.eval);  // panels/evaluate_calibration.cpp
  j.key("notice").value(s.notice).key("notice_is_error").value(s.notice_is_error);
  j.key("files").begin_object();
  for (const auto& [key, f] : s.files.status)
    j.key(key).begin_object().key("state").value(f.state == FileStatus::State::Failed ? "failed" : "loaded")
        .key("message").value(f.message).end_object();
  j.end_object();
  j.key("theme").value(s.light_theme ? "light" : "dark").key("coarse_pointer").value(s.coarse_pointer);
  write_comparison_json(j, s);
  // The page's address as the app writes it (address.cpp), and the Train form in train()'s keys.
  j.key("address").value(current_address(s)).key("train_form").value(format_query(train_form_items(s.form)));
  write_layout_json(j, app.layout);
  write_chapters_json(j, s, with_texts);
  write_glossary_json(j, s.glossary, with_texts);
  j.end_object();
  return j.str();
}

std::string access_json(const App& app) {
  JsonWriter j;
  write_access_json(j, app.state);
  return j.str();
}

void clear_drawing(App& app) {
  app.state.draw.strokes.clear();
  app.state.draw.redo.clear();
  app.state.draw.test_digit = -1;
  app.state.draw.dirty = true;
  update_prediction(app.state);
}

void undo_drawing(App& app) {
  undo_stroke(app.state);
  update_prediction(app.state);
}

int use_test_digit(App& app, int index) { return digitlab::app::use_test_digit(app.state, index); }

void lesson_step(App& app, int delta) {
  if (app.state.chapters.embedded) return;  // an embedded panel has no lesson
  LessonState& l = app.state.chapters.lesson;
  if (l.active) l.step = std::clamp(l.step + delta, 0, static_cast<int>(lesson_steps().size()) - 1);
  l.active = true;
}

Rect draw_rect(const App& app) {
  const DrawState& d = app.state.draw;
  return {d.canvas_x, d.canvas_y, d.canvas_size, d.canvas_size};
}

void on_file_loaded(App& app, const std::string& name, std::vector<std::uint8_t> bytes) {
  receive_file(app.state, name, std::move(bytes));
}

void on_file_failed(App& app, const std::string& name, const std::string& why) { file_failed(app.state, name, why); }

void import_model(App& app, const std::string& name, std::vector<std::uint8_t> bytes) {
  digitlab::app::import_model(app.state, name, std::move(bytes));
}

std::vector<std::uint8_t> export_model(const App& app) { return digitlab::app::export_model(app.state); }

PageRequests take_page_requests(App& app) {
  ModelState& m = app.state.model;
  MyDrawingsState& mine = app.state.mine;
  const PageRequests requests{m.import_requested, m.export_requested, app.state.files.retry_requested,
                              mine.import_requested, mine.export_requested, app.state.share_request,
                              app.state.dataset_request};
  m.import_requested = m.export_requested = app.state.files.retry_requested = false;
  mine.import_requested = mine.export_requested = false;
  app.state.share_request.clear();
  app.state.dataset_request.clear();
  return requests;
}

void show_panel(App& app, const std::string& name) {
  const int panel = panel_from_key(name);
  if (panel < 0) return;
  ChapterState& c = app.state.chapters;
  if (c.embedded) {
    app.state.panel = static_cast<Panel>(panel);  // embedded: the other panel, still alone
    return;
  }
  c.lesson.active = false;
  app.state.requested_panel = panel;
}

void focus_first_field(App& app) { app.state.form.focus_requested = true; }

void explain(App& app, bool shown, int against, bool mean_baseline) {
  Explanation& e = app.state.draw.explanation;
  e.shown = shown;
  e.against = against >= 0 && against <= 9 ? against : -1;
  e.mean_baseline = mean_baseline;
  e.dirty = true;
}

bool save_drawing(App& app, int label) { return digitlab::app::save_drawing(app.state, label); }
void delete_drawing(App& app, int index) { digitlab::app::delete_drawing(app.state, index); }
int drawings_version(const App& app) { return app.state.mine.version; }
std::vector<std::uint8_t> export_drawings(const App& app, bool images) { return my_drawings_idx(app.state, images); }
void evaluate_on(App& app, bool mine) { digitlab::app::evaluate_on(app.state, mine); }

void show_comparison(App& app, bool shown) { app.state.eval.compare_view = shown; }

void open_query(App& app, const std::string& query) { apply_query(app.state, query); }

std::string address(const App& app) { return current_address(app.state); }

void share_copied(App& app, const std::string& what, bool copied) { digitlab::app::share_copied(app.state, what, copied); }

// Settings from a script, then Train.
void start_training_from(App& app, const std::string& spec) {
  AppState& s = app.state;
  ParseProblems problems;
  const TrainForm form = read_train_spec(s.form, spec, problems);
  if (!problems.empty()) {  // a bad request changes nothing
    set_notice(s, "window.digitlab.train: " + problems.text() + " in '" + spec + "'; nothing started", true);
    return;
  }
  s.form = form;
  start_training(s);
}

void set_datasets(App& app, const std::vector<std::string>& available, const std::string& current) {
  digitlab::app::set_datasets(app.state, available, current);
}

bool use_dataset(App& app, const std::string& key) { return digitlab::app::use_dataset(app.state, key); }

void set_coarse_pointer(App& app, bool coarse) { app.state.coarse_pointer = coarse; }

void stop_training(App& app) { digitlab::app::stop_training(app.state); }

void set_fit_worker(App& app, FitWorkerCalls calls) {
  app.state.train.worker = FitWorkerPort{std::move(calls.start), std::move(calls.stop), std::move(calls.request_model),
                                         std::move(calls.cancel), std::move(calls.problem), std::move(calls.prepare)};
}

void fit_worker_report(App& app, int run, const std::vector<std::uint8_t>& bytes) {
  receive_fit_report(app.state, run, bytes);
}

void fit_worker_failed(App& app, int run, const std::string& why, bool worker_broken) {
  digitlab::app::fit_worker_failed(app.state, run, why, worker_broken);
}

void set_chapter_worker(App& app, std::function<bool(int id, const FitRequestPieces& request)> start,
                        std::function<void(int id)> cancel) {
  app.state.chapters.remote.post = std::move(start);
  app.state.chapters.remote.cancel_fit = std::move(cancel);
}

void chapter_worker_report(App& app, int id, std::vector<std::uint8_t> bytes) {
  app.state.chapters.remote.deliver(id, std::move(bytes));
}

void chapter_worker_failed(App& app, int id, const std::string& why, bool worker_broken) {
  app.state.chapters.remote.fail(id, why, worker_broken);
}

void inject_fault(App& app, const std::string& where) { app.state.fault = where; }

}  // namespace digitlab::app
