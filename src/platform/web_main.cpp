// Digit Lab in the browser: the SDL2 window on <canvas id="canvas">, a WebGL2 context,
// Dear ImGui's SDL2 and OpenGL3 backends, the frame loop, and the C functions that
// web/digitlab.js calls. The only C++ file that knows about Emscripten; the app
// (src/app/app.hpp) sees ImGui and nothing else.
//
// [SECTION] Platform state
// [SECTION] Fonts at the device pixel ratio
// [SECTION] Frame loop
// [SECTION] Functions called from JavaScript
// [SECTION] main

#include <emscripten.h>
#include <SDL.h>
#include <GLES3/gl3.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "app/shell/app.hpp"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl.h"
#include "imgui_internal.h"  // ErrorCheckEndFrameRecover
#include "app/logic/frame_pacing.hpp"
#include "app/widgets/texture.hpp"
#include "platform/drawn_fingerprint.hpp"
#include "platform/input_events.hpp"
#include "platform/loop_sleep.hpp"
#include "platform/worker_glue.hpp"

namespace {

// [SECTION] Platform state

// The page writes the font here before main() runs (web/digitlab.js, Module.preRun).
constexpr const char* kFontPath = "/assets/DejaVuSans.ttf";
constexpr float kFontSizeCss = 16.0f;

struct WebPlatform {
  SDL_Window* window = nullptr;
  SDL_GLContext gl_context = nullptr;
  digitlab::app::App* app = nullptr;
  std::vector<unsigned char> font_ttf;  // kept to rebuild the atlas when the ratio changes
  float font_pixel_ratio = 0.0f;        // ratio the atlas was built for; 0 = not built
  bool first_frame_done = false;
  digitlab::app::FramePacer pacer;      // which animation frames draw (frame_pacing.hpp)
  std::string reply;                    // storage behind the const char* handed to JS
  std::vector<std::uint8_t> exported;   // storage behind digitlab_export_model's bytes
  std::vector<std::pair<std::string, std::vector<std::uint8_t>>> early_files;
  std::string early_query;              // settings from the URL that came before the app
};

// emscripten_set_main_loop takes a plain callback, so the state lives at file scope.
WebPlatform g_platform;

void log_exception(const char* where, const std::exception& error) {
  std::fprintf(stderr, "digitlab: %s: %s\n", where, error.what());
}

// [SECTION] Fonts at the device pixel ratio
// The canvas backing store is CSS size * devicePixelRatio (SDL_WINDOW_ALLOW_HIGHDPI) and
// ImGui works in CSS pixels with DisplayFramebufferScale = ratio. Glyphs rasterized at
// 16 px would be stretched by the ratio and look blurry, so the atlas is built at
// 16 * ratio device pixels and drawn at 1/ratio scale: crisp text, same layout.

float drawable_pixel_ratio() {
  int w = 0, h = 0, drawable_w = 0, drawable_h = 0;
  SDL_GetWindowSize(g_platform.window, &w, &h);
  SDL_GL_GetDrawableSize(g_platform.window, &drawable_w, &drawable_h);
  return (w > 0 && drawable_w > 0) ? static_cast<float>(drawable_w) / w : 1.0f;
}

void load_font_file() {
  std::ifstream file(kFontPath, std::ios::binary);
  if (!file) {
    std::printf("digitlab: %s missing, using ImGui's built-in font\n", kFontPath);
    return;
  }
  g_platform.font_ttf.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

// Rebuilds the font atlas when the pixel ratio changes (first frame, browser zoom, moving
// the window to another screen). Must run before the backends' NewFrame.
void update_fonts() {
  const float ratio = drawable_pixel_ratio();
  if (ratio == g_platform.font_pixel_ratio) return;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig config;
  if (!g_platform.font_ttf.empty()) {
    config.FontDataOwnedByAtlas = false;
    io.Fonts->AddFontFromMemoryTTF(g_platform.font_ttf.data(), static_cast<int>(g_platform.font_ttf.size()),
                                   kFontSizeCss * ratio, &config);
  } else {
    config.SizePixels = 13.0f * ratio;
    io.Fonts->AddFontDefault(&config);
  }
  io.FontGlobalScale = 1.0f / ratio;
  // Before the first frame the OpenGL backend has no texture yet; NewFrame creates it.
  if (g_platform.font_pixel_ratio != 0.0f) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    g_platform.pacer.picture_lost();  // the new atlas may take the old one's texture name
  }
  g_platform.font_pixel_ratio = ratio;
}

// [SECTION] Frame loop

// Which animation frames draw: src/app/logic/frame_pacing.hpp; between them the loop
// sleeps (platform/loop_sleep.hpp). A call from the page's JavaScript that changes the app
// wakes it (wake() in those functions below).

bool training_in_workers() { return g_platform.app && digitlab::app::training_in_workers(*g_platform.app); }
void restart_frame_clock() {
  if (g_platform.app) digitlab::app::frame_skipped(*g_platform.app);
}
digitlab::platform::LoopSleep g_sleep(g_platform.pacer, training_in_workers, restart_frame_clock);
void wake() { g_sleep.wake(); }

// Whether the browser draws WebGL on the CPU. Chromium masks RENDERER ("WebKit WebGL")
// and names the real one through WEBGL_debug_renderer_info; Firefox names it in RENDERER
// (and warns when asked through the extension, so it is asked only when masked).
// Module.rendering tells the page (state().rendering) and the bench what was found.
bool software_rendering() {
  return EM_ASM_INT({
    var gl = typeof GLctx !== 'undefined' ? GLctx : null;
    var name = gl ? String(gl.getParameter(gl.RENDERER) || '') : '';
    if (gl && /^WebKit WebGL$/.test(name)) {
      var info = gl.getExtension('WEBGL_debug_renderer_info');
      if (info) name = String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL) || name);
    }
    var software = /SwiftShader|llvmpipe|softpipe|Software|Basic Render/i.test(name);
    Module.rendering = ({ renderer: name, software: software, training_frame_ms: software ? $1 : $0 });
    return software ? 1 : 0;
  }, digitlab::app::kTrainingFrameMs, digitlab::app::kSoftwareTrainingFrameMs) != 0;
}

void run_frame() {
  const bool input = digitlab::platform::pass_frame_events();
  const double now = emscripten_get_now();
  if (input) g_platform.pacer.input(now);
  if (!g_platform.pacer.draws(now, training_in_workers())) {
    digitlab::app::frame_skipped(*g_platform.app);
    g_sleep.until_due();
    return;  // the canvas keeps the last frame presented
  }

  update_fonts();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  try {
    digitlab::app::frame(*g_platform.app);
  } catch (const std::exception& error) {
    // The app reports bad data itself; anything escaping is a bug. Keep the page alive.
    log_exception("frame", error);
    ImGui::ErrorCheckEndFrameRecover(nullptr);
  }
  ImGui::Render();
  int width = 0, height = 0;
  SDL_GL_GetDrawableSize(g_platform.window, &width, &height);
  const digitlab::app::Rgb background = digitlab::app::page_background();
  const digitlab::platform::CanvasState canvas{digitlab::app::texture_uploads(), {background.r, background.g, background.b},
                                               width, height};
  const bool present = g_platform.pacer.drawn(now, digitlab::platform::drawn_fingerprint(*ImGui::GetDrawData(), canvas),
                                              digitlab::app::working(*g_platform.app));
  const digitlab::app::PageRequests requests = digitlab::app::take_page_requests(*g_platform.app);
  // The page's file picker and download (web/digitlab.js). A click counts as a user
  // gesture for about 5 s, so the browser lets the picker open a frame after it.
  // The Data panel's dataset switch: the page swaps the files it loads (web/digitlab.js).
  if (!requests.dataset.empty())
    EM_ASM({ if (window.digitlab) window.digitlab.useDataset(UTF8ToString($0)); }, requests.dataset.c_str());
  if (requests.import_model) EM_ASM({ if (window.digitlab) window.digitlab.chooseModelFile(); });
  if (requests.export_model) EM_ASM({ if (window.digitlab) window.digitlab.downloadModel(); });
  if (requests.retry_files) EM_ASM({ if (window.digitlab) window.digitlab.retry(); });
  if (requests.import_drawings) EM_ASM({ if (window.digitlab) window.digitlab.chooseDrawingFiles(); });
  if (requests.export_drawings) EM_ASM({ if (window.digitlab) window.digitlab.downloadDrawings(); });
  // A Copy button: the page copies the link or the embed code (web/address.js).
  if (!requests.copy.empty())
    EM_ASM({ if (window.digitlab && window.digitlab.copyShare) window.digitlab.copyShare(UTF8ToString($0)); },
           requests.copy.c_str());

  // The same picture as the last one presented stays on the canvas untouched: WebGL shows
  // a drawing buffer again until it is drawn to, at no cost to the rasterizer.
  if (present) {
    glViewport(0, 0, width, height);
    glClearColor(background.r, background.g, background.b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    SDL_GL_SwapWindow(g_platform.window);
    digitlab::app::frame_presented(*g_platform.app);
  }

  if (!g_platform.first_frame_done) {
    g_platform.first_frame_done = true;
    EM_ASM({ if (Module.onFirstFrame) Module.onFirstFrame(); });
  }
  g_sleep.until_due();
}

void deliver_file(const std::string& name, std::vector<std::uint8_t> bytes) {
  try {
    digitlab::app::on_file_loaded(*g_platform.app, name, std::move(bytes));
  } catch (const std::exception& error) {
    log_exception(name.c_str(), error);
  }
}

}  // namespace

// [SECTION] Functions called from JavaScript (web/digitlab.js)

extern "C" {

// The app's state as JSON (with_texts 0: without the chapters' and glossary's texts);
// valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* digitlab_state_json(int with_texts) {
  g_platform.reply = g_platform.app ? digitlab::app::state_json(*g_platform.app, with_texts != 0) : R"({"ready":false})";
  return g_platform.reply.c_str();
}

// The query that shows what the page shows now (app.hpp); valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* digitlab_address() {
  g_platform.reply = g_platform.app ? digitlab::app::address(*g_platform.app) : "";
  return g_platform.reply.c_str();
}

// The page's answer to a Copy button: copied (1), or the clipboard refused (0).
EMSCRIPTEN_KEEPALIVE void digitlab_share_copied(const char* what, int copied) {
  wake();
  if (g_platform.app) digitlab::app::share_copied(*g_platform.app, what, copied != 0);
}

EMSCRIPTEN_KEEPALIVE void digitlab_clear() {
  wake();
  if (g_platform.app) digitlab::app::clear_drawing(*g_platform.app);
}

// [SECTION] For the DOM layer and keyboard shortcuts (web/access.js)

// What the screen-reader layer shows, as JSON (access_json.hpp); valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* digitlab_access_json() {
  g_platform.reply = g_platform.app ? digitlab::app::access_json(*g_platform.app) : "{}";
  return g_platform.reply.c_str();
}

EMSCRIPTEN_KEEPALIVE void digitlab_undo() {
  wake();
  if (g_platform.app) digitlab::app::undo_drawing(*g_platform.app);
}

// The test digit shown (index < 0: one at random), or -1 (app.hpp).
EMSCRIPTEN_KEEPALIVE int digitlab_use_test_digit(int index) {
  wake();
  return g_platform.app ? digitlab::app::use_test_digit(*g_platform.app, index) : -1;
}

EMSCRIPTEN_KEEPALIVE void digitlab_lesson_step(int delta) {
  wake();
  if (g_platform.app) digitlab::app::lesson_step(*g_platform.app, delta);
}

// 1 while an ImGui text field has the keyboard: the page's letter shortcuts stand aside.
EMSCRIPTEN_KEEPALIVE int digitlab_text_input_active() {
  return g_platform.app && ImGui::GetCurrentContext() && ImGui::GetIO().WantTextInput ? 1 : 0;
}

// {"x":..,"y":..,"w":..,"h":..} in CSS pixels; valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* digitlab_draw_rect_json() {
  digitlab::app::Rect rect{0, 0, 0, 0};
  if (g_platform.app) rect = digitlab::app::draw_rect(*g_platform.app);
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, R"({"x":%.2f,"y":%.2f,"w":%.2f,"h":%.2f})", rect.x, rect.y, rect.w,
                rect.h);
  g_platform.reply = buffer;
  return g_platform.reply.c_str();
}

// The lines ImGui's word wrap makes of `text` at `width` CSS px in the page's font, each
// ended by '\n' (the browser tests check that no number is split across two lines: the
// build's copy of imgui_draw.cpp, cmake/web_app.cmake); valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* digitlab_wrap_lines(const char* text, float width) {
  g_platform.reply.clear();
  if (!ImGui::GetCurrentContext() || ImGui::GetIO().Fonts->Fonts.empty()) return g_platform.reply.c_str();
  const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  const float scale = ImGui::GetIO().FontGlobalScale;  // the atlas is at the pixel ratio
  const char* end = text + std::strlen(text);
  for (const char* s = text; s < end;) {
    const char* e = font->CalcWordWrapPositionA(scale, s, end, width);
    if (e == s) ++e;  // ImGui's TextWrapped shows at least one character a line
    g_platform.reply.append(s, e).push_back('\n');
    for (s = e; s < end && (*s == ' ' || *s == '\n');) ++s;
  }
  return g_platform.reply.c_str();
}

// Takes ownership of `bytes` (allocated by the page with _malloc) and frees it.
EMSCRIPTEN_KEEPALIVE void digitlab_file_loaded(const char* name, std::uint8_t* bytes, int length) {
  wake();
  std::vector<std::uint8_t> data(bytes, bytes + (length > 0 ? length : 0));
  std::free(bytes);
  if (g_platform.app)
    deliver_file(name, std::move(data));
  else
    g_platform.early_files.emplace_back(name, std::move(data));
}

// The browser gave the WebGL context back after losing it (webglcontextrestored): every
// GL object is new. The backend makes its own again; textures upload again when drawn.
// The app's state (model, drawing, a training run) never depended on the context.
EMSCRIPTEN_KEEPALIVE void digitlab_gl_restored() {
  wake();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplOpenGL3_Init("#version 300 es");
  digitlab::app::gl_context_restored();
  g_platform.pacer.picture_lost();  // a restored context's canvas is blank
}

// Something may have cleared the canvas (web/digitlab.js: a resize event, at which SDL
// sets its size again; the tab shown again): the next frame is presented whatever it shows.
EMSCRIPTEN_KEEPALIVE void digitlab_canvas_cleared() {
  wake();
  g_platform.pacer.picture_lost();
}

// A file the page could not fetch after its retries; `why` is for the learner.
EMSCRIPTEN_KEEPALIVE void digitlab_file_failed(const char* name, const char* why) {
  wake();
  if (g_platform.app) digitlab::app::on_file_failed(*g_platform.app, name, why);
}

// Training from a script: "preset=poly2;subset=1000;max_iter=50" (see app.hpp).
EMSCRIPTEN_KEEPALIVE void digitlab_train(const char* spec) {
  wake();
  if (!g_platform.app) return;
  try {
    digitlab::app::start_training_from(*g_platform.app, spec);
  } catch (const std::exception& error) {
    log_exception("train", error);
  }
}

EMSCRIPTEN_KEEPALIVE void digitlab_stop() {
  wake();
  if (g_platform.app) digitlab::app::stop_training(*g_platform.app);
}

// For tests: the next slice of "train", "evaluate" or "chapter" work throws once.
EMSCRIPTEN_KEEPALIVE void digitlab_inject_fault(const char* where) {
  wake();
  if (g_platform.app) digitlab::app::inject_fault(*g_platform.app, where);
}

// The Draw panel's "Why?" map: shown or not, against a digit (-1: the runner-up), from the
// empty image (0) or the mean training digit (1).
EMSCRIPTEN_KEEPALIVE void digitlab_explain(int shown, int against, int mean_baseline) {
  wake();
  if (g_platform.app) digitlab::app::explain(*g_platform.app, shown != 0, against, mean_baseline != 0);
}

// The Train panel's first field takes the keyboard when next drawn (Shift+T).
EMSCRIPTEN_KEEPALIVE void digitlab_focus_first_field() {
  wake();
  if (g_platform.app) digitlab::app::focus_first_field(*g_platform.app);
}

EMSCRIPTEN_KEEPALIVE void digitlab_show_panel(const char* name) {
  wake();
  if (g_platform.app) digitlab::app::show_panel(*g_platform.app, name);
}

// Settings from the page's URL query ("panel=sigmoid&threshold=0.7", see app.hpp).
EMSCRIPTEN_KEEPALIVE void digitlab_open(const char* query) {
  wake();
  if (!g_platform.app) {
    g_platform.early_query = query;
    return;
  }
  try {
    digitlab::app::open_query(*g_platform.app, query);
  } catch (const std::exception& error) {
    log_exception("open", error);
  }
}

// A model file the user dropped or picked; takes ownership of `bytes` (allocated by the
// page with _malloc) and frees it. The app checks it and reports in its notice.
EMSCRIPTEN_KEEPALIVE void digitlab_import_model(const char* name, std::uint8_t* bytes, int length) {
  wake();
  std::vector<std::uint8_t> data(bytes, bytes + (length > 0 ? length : 0));
  std::free(bytes);
  if (!g_platform.app) return;
  try {
    digitlab::app::import_model(*g_platform.app, name, std::move(data));
  } catch (const std::exception& error) {
    log_exception(name, error);
  }
}

// The current model as a .dlm file: its bytes, valid until the next call, and their
// count from digitlab_export_model_size(); nullptr and 0 when there is no model.
EMSCRIPTEN_KEEPALIVE const std::uint8_t* digitlab_export_model() {
  g_platform.exported.clear();
  try {
    if (g_platform.app) g_platform.exported = digitlab::app::export_model(*g_platform.app);
  } catch (const std::exception& error) {
    log_exception("export", error);
  }
  return g_platform.exported.empty() ? nullptr : g_platform.exported.data();
}

EMSCRIPTEN_KEEPALIVE int digitlab_export_model_size() { return static_cast<int>(g_platform.exported.size()); }

// [SECTION] The training worker (web/fit-worker.js, through web/digitlab.js)

// A report of run `run` from the worker; takes ownership of `bytes` (_malloc) and frees it.
// It wakes the page: while the workers train that changes nothing (frame_pacing.hpp), but
// the run's last report ends the run here at once, so it shows at the next animation
// frame. (A chapter's fit ends only when a drawn frame takes its last report, so its
// reports do not wake: the next 100 or 250 ms frame shows it.)
EMSCRIPTEN_KEEPALIVE void digitlab_fit_report(int run, std::uint8_t* bytes, int length) {
  wake();
  std::vector<std::uint8_t> data(bytes, bytes + (length > 0 ? length : 0));
  std::free(bytes);
  if (g_platform.app) digitlab::app::fit_worker_report(*g_platform.app, run, data);
}

// Run `run` failed in the worker: its fit threw (broken 0), or the worker itself did not
// load or died (broken 1).
EMSCRIPTEN_KEEPALIVE void digitlab_fit_failed(int run, const char* why, int broken) {
  wake();
  if (g_platform.app) digitlab::app::fit_worker_failed(*g_platform.app, run, why, broken != 0);
}

// A report of chapter fit `id` from the chapters' worker; takes ownership of `bytes`.
EMSCRIPTEN_KEEPALIVE void digitlab_chapter_report(int id, std::uint8_t* bytes, int length) {
  std::vector<std::uint8_t> data(bytes, bytes + (length > 0 ? length : 0));
  std::free(bytes);
  if (g_platform.app) digitlab::app::chapter_worker_report(*g_platform.app, id, std::move(data));
}

EMSCRIPTEN_KEEPALIVE void digitlab_chapter_failed(int id, const char* why, int broken) {
  wake();
  if (g_platform.app) digitlab::app::chapter_worker_failed(*g_platform.app, id, why, broken != 0);
}

// [SECTION] The learner's own test set (web/my-drawings.js keeps it in IndexedDB)

EMSCRIPTEN_KEEPALIVE int digitlab_save_drawing(int label) {
  wake();
  return g_platform.app && digitlab::app::save_drawing(*g_platform.app, label) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void digitlab_delete_drawing(int index) {
  wake();
  if (g_platform.app) digitlab::app::delete_drawing(*g_platform.app, index);
}

EMSCRIPTEN_KEEPALIVE int digitlab_drawings_version() {
  return g_platform.app ? digitlab::app::drawings_version(*g_platform.app) : -1;
}

// The set's images (1) or labels (0) file as IDX bytes; their count from
// digitlab_export_model_size() (the same storage as a model's export).
EMSCRIPTEN_KEEPALIVE const std::uint8_t* digitlab_export_drawings(int images) {
  g_platform.exported.clear();
  try {
    if (g_platform.app) g_platform.exported = digitlab::app::export_drawings(*g_platform.app, images != 0);
  } catch (const std::exception& error) {
    log_exception("export drawings", error);
  }
  return g_platform.exported.empty() ? nullptr : g_platform.exported.data();
}

EMSCRIPTEN_KEEPALIVE void digitlab_evaluate_on(int mine) {
  wake();
  if (g_platform.app) digitlab::app::evaluate_on(*g_platform.app, mine != 0);
}

// Evaluate's compare view on (1) or off (0).
// The datasets in the manifest ("mnist,fashion") and the one to load first.
EMSCRIPTEN_KEEPALIVE void digitlab_set_datasets(const char* available, const char* current) {
  wake();
  std::vector<std::string> keys;
  std::stringstream list(available);
  for (std::string key; std::getline(list, key, ',');) keys.push_back(key);
  digitlab::app::set_datasets(*g_platform.app, keys, current);
}

// Switches to a dataset before its files are loaded; 0 when the site lacks it.
EMSCRIPTEN_KEEPALIVE int digitlab_use_dataset(const char* key) {
  wake();
  return digitlab::app::use_dataset(*g_platform.app, key) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void digitlab_show_comparison(int shown) {
  wake();
  if (g_platform.app) digitlab::app::show_comparison(*g_platform.app, shown != 0);
}

}  // extern "C"

// [SECTION] main

int main(int, char**) {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "digitlab: SDL_Init failed: %s\n", SDL_GetError());
    return 1;
  }
  // WebGL2 is GL ES 3.0.
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

  // The canvas is sized by CSS (web/style.css: the whole window). With RESIZABLE, SDL
  // follows the CSS size on every browser resize; with ALLOW_HIGHDPI it sets the backing
  // store to CSS size * devicePixelRatio. The 1280x720 here is only used without CSS.
  const auto flags = static_cast<SDL_WindowFlags>(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  g_platform.window = SDL_CreateWindow("Digit Lab", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 720, flags);
  if (!g_platform.window) {
    std::fprintf(stderr, "digitlab: SDL_CreateWindow failed: %s\n", SDL_GetError());
    return 1;
  }
  g_platform.gl_context = SDL_GL_CreateContext(g_platform.window);
  if (!g_platform.gl_context) {
    std::fprintf(stderr, "digitlab: this browser gave no WebGL2 context: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_MakeCurrent(g_platform.window, g_platform.gl_context);
  g_platform.pacer.set_software_rendering(software_rendering());

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no file system to keep window positions in
  // The arrow keys move between widgets, glossary terms included (their definitions show
  // on focus as on hover: src/app/glossary_ui.hpp); Tab, in ImGui 1.86, reaches only the
  // sliders and input fields.
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui::StyleColorsDark();
  ImGui_ImplSDL2_InitForOpenGL(g_platform.window, g_platform.gl_context);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  load_font_file();

#if defined(DIGITLAB_WASM_RELAXED)
  g_platform.app = digitlab::app::create_app("relaxed-simd");
#elif defined(__wasm_simd128__)
  g_platform.app = digitlab::app::create_app("simd");
#else
  g_platform.app = digitlab::app::create_app("no-simd");
#endif
  // A touch screen (the page's coarse pointer) gets controls a finger can hit (app.cpp).
  const int coarse = EM_ASM_INT({ return window.matchMedia && window.matchMedia('(pointer: coarse)').matches ? 1 : 0; });
  digitlab::app::set_coarse_pointer(*g_platform.app, coarse != 0);
  digitlab::platform::connect_fit_worker(*g_platform.app);
  digitlab::platform::connect_chapter_worker(*g_platform.app);
  for (auto& [name, bytes] : g_platform.early_files) deliver_file(name, std::move(bytes));
  g_platform.early_files.clear();
  if (!g_platform.early_query.empty()) digitlab::app::open_query(*g_platform.app, g_platform.early_query);

  // The browser calls run_frame on every animation frame it asks for (it sleeps between
  // the frames it draws: LoopSleep::until_due); main returns at once.
  SDL_AddEventWatch(digitlab::platform::LoopSleep::on_sdl_event, &g_sleep);
  emscripten_set_main_loop(run_frame, 0, 1);
  return 0;
}
