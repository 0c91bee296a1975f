// The Digit Lab app as the platform layer sees it: one opaque object that builds an ImGui
// frame and answers the page's questions. The platform (src/platform/web_main.cpp) owns the
// window, the GL context and the ImGui context; the app only draws ImGui widgets.
//
// Usage (per frame, between ImGui::NewFrame() and ImGui::Render()):
//   App* app = create_app("simd");
//   frame(*app);
// All coordinates are ImGui coordinates, which the platform keeps equal to CSS pixels.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace digitlab {
struct FitRequestPieces;
}

namespace digitlab::app {

struct App;  // opaque, defined in src/app/app.cpp

// program: "relaxed-simd", "simd" or "no-simd", the wasm program the page chose for this browser.
App* create_app(std::string program);

// Builds the ImGui UI for one frame (between ImGui::NewFrame and ImGui::Render).
void frame(App& app);

// The colour the platform clears the canvas to before each frame (red, green, blue in
// 0..1): the page's background. The window that fills the page draws none of its own, so
// no frame rasterizes a full-screen quad over the cleared canvas (app.cpp says why).
struct Rgb {
  float r, g, b;
};
Rgb page_background();

// True while a fit runs in Web Workers (the Train panel's or a chapter's): the page then
// shows only its progress, so the platform may draw fewer frames and leave the machine's
// cores to the workers.
bool training_in_workers(const App& app);
// The platform let a browser frame pass without drawing (the throttle above): the gap to
// the next drawn frame is then not a stutter, so the frame-time figures start again here.
void frame_skipped(App& app);
// The platform put the frame just drawn on the canvas (it leaves a picture that has not
// changed as it is); state()'s frames counts both.
void frame_presented(App& app);
// Whether the last frame's work calls had work (advance_work, advance_chapters): a fit,
// an evaluation or a chapter's experiment sliced on the page's thread, or a chapter's
// run queue (whose fits may be in a worker). The platform then keeps drawing every
// animation frame, since each frame carries a slice, whether or not it changed the picture.
bool working(const App& app);

// A JSON object describing what the page shows, for window.digitlab.state(). Without
// texts it leaves out "chapters" and "glossary" (29 of its 37 KB during a fit): for a
// caller that reads it many times a second, such as bench/page_bench.mjs watching a fit.
std::string state_json(const App& app, bool with_texts = true);

// What the page's DOM layer for screen readers shows (access_json.hpp), as JSON.
std::string access_json(const App& app);

// Erases the user's drawing.
void clear_drawing(App& app);
// Takes back the last stroke (the Undo button).
void undo_drawing(App& app);
// Shows test digit `index` in the Draw panel (index < 0: one at random) and predicts it;
// the index shown, or -1 when the test digits are not loaded or index is out of range.
int use_test_digit(App& app, int index);
// The lesson's Next (+1) or Back (-1); starts the lesson if it is not on.
void lesson_step(App& app, int delta);

struct Rect {
  float x, y, w, h;
};

// The drawing canvas in CSS pixels relative to the page; zero size before the first frame.
Rect draw_rect(const App& app);

// A data or model file fetched (and un-gzipped) by the page. Bad data is the app's to
// report; the platform only logs exceptions that escape.
void on_file_loaded(App& app, const std::string& name, std::vector<std::uint8_t> bytes);
// A file the page could not fetch, after its retries (network or HTTP error, a gzip cut
// short): the panels that need it say so and offer Retry (file_status.hpp).
void on_file_failed(App& app, const std::string& name, const std::string& why);

// A model file the user dropped on the page or picked (window.digitlab.importModel):
// checked like every model file; a bad one leaves the current model and says why.
void import_model(App& app, const std::string& name, std::vector<std::uint8_t> bytes);

// The current model as a model file (.dlm), for window.digitlab.exportModel; empty when
// there is no model.
std::vector<std::uint8_t> export_model(const App& app);

// What the user asked for in the last frames that only the page can do: open the file
// picker for a model, download the model. Each request is handed out once.
struct PageRequests {
  bool import_model = false;
  bool export_model = false;
  bool retry_files = false;  // a Retry button: fetch the files that failed again
  bool import_drawings = false;  // the learner's test set (work/my_drawings.hpp)
  bool export_drawings = false;
  std::string copy;  // "link" or "embed": a Copy button (share.hpp); web/address.js copies
  std::string dataset;  // the Data panel's switch: the page loads this dataset (dataset_switch.hpp)
};
PageRequests take_page_requests(App& app);

// Selects a panel by name ("draw", "data", "train", "evaluate", a chapter such as
// "sigmoid" or a question such as "threshold"; chapters.hpp) on the next frame.
void show_panel(App& app, const std::string& name);
// The learner's own test set (work/my_drawings.hpp): save the drawing as `label`, delete
// one, the set's change counter, the set as IDX bytes, and Evaluate's source.
bool save_drawing(App& app, int label);
void delete_drawing(App& app, int index);
int drawings_version(const App& app);
std::vector<std::uint8_t> export_drawings(const App& app, bool images);
void evaluate_on(App& app, bool mine);
// Evaluate's compare view (the previous model against the current one) on or off.
void show_comparison(App& app, bool shown);
// The Train panel's first field (its number of training digits) takes the keyboard.
void focus_first_field(App& app);
// Shows or hides the Draw panel's "Why this digit?" map and picks what it compares.
void explain(App& app, bool shown, int against, bool mean_baseline);

// The query, without '?', that shows what the page shows now (its panel or lesson step,
// their settings, the Train form, the theme; only values that are not the defaults).
// web/address.js writes it into the page's address with history.replaceState.
std::string address(const App& app);
// The page's answer to PageRequests.copy: copied, or the clipboard refused (share.hpp).
void share_copied(App& app, const std::string& what, bool copied);

// Settings from a URL query, as the page passes location.search: "panel=sigmoid&
// threshold=0.7" shows that panel alone (embedded), "lesson=1" starts the lesson; the
// keys are listed at apply_query in src/app/shell/url_query.cpp.
void open_query(App& app, const std::string& query);

// The datasets the site was built with and the one to load first (web/digitlab.js reads
// them from the manifest and the address); then a switch to another (dataset_switch.hpp).
void set_datasets(App& app, const std::vector<std::string>& available, const std::string& current);
bool use_dataset(App& app, const std::string& key);

// The page's pointer is coarse (a touch screen, CSS `(pointer: coarse)`): larger controls.
void set_coarse_pointer(App& app, bool coarse);

// Sets the training form from "key=value;..." (the keys are listed at read_train_spec in
// src/app/logic/train_form.hpp) and starts training. An unknown key or a bad value
// changes nothing and starts nothing; the notice says which.
void start_training_from(App& app, const std::string& spec);
void stop_training(App& app);

// The page's Web Worker for training (issue 12; the platform's glue). Without a call to
// set_fit_worker every run stays on the page's thread. `start` hands a run's request
// (core/jobs/fit_messages.hpp, in pieces: its pixel runs are read from the training
// digits after it returns) to a worker and returns false where there is none; the
// worker's reports and failures come back through the two functions after it.
struct FitWorkerCalls {
  std::function<bool(int run, const FitRequestPieces& request)> start;
  std::function<void(int run)> stop, request_model, cancel;
  std::function<std::string()> problem;  // why start says no: the Train panel tells the learner
  std::function<void()> prepare;         // make the workers now, ahead of the first run
};
void set_fit_worker(App& app, FitWorkerCalls calls);
void fit_worker_report(App& app, int run, const std::vector<std::uint8_t>& bytes);
void fit_worker_failed(App& app, int run, const std::string& why, bool worker_broken);

// The chapters' workers (a second set of Web Workers, so an experiment and a Train run go
// at once): `start` posts a chapter run's fit request under a number, false where there is
// no worker; its reports and failures come back through the two functions after it
// (src/lessons/remote_fits.hpp).
void set_chapter_worker(App& app, std::function<bool(int id, const FitRequestPieces& request)> start,
                        std::function<void(int id)> cancel);
void chapter_worker_report(App& app, int id, std::vector<std::uint8_t> bytes);
void chapter_worker_failed(App& app, int id, const std::string& why, bool worker_broken);

// For tests: the next slice of "train", "evaluate" or "chapter" work throws, once
// (window.digitlab.injectFault), to show that only that work ends.
void inject_fault(App& app, const std::string& where);

}  // namespace digitlab::app
