// The page's training worker (issue 12): a small program with the learning core only (no
// ImGui, no SDL), run in a Web Worker by web/fit-worker.js. It receives one request at a
// time (core/jobs/fit_messages.hpp), runs the same ValidatedFitJob the page's thread would,
// a slice at a time, and returns a report after each slice. The worker yields to its
// event loop between slices, so a Stop message is seen within one slice.
#include <emscripten.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "core/common/failure_text.hpp"
#include "core/jobs/fit_messages.hpp"

namespace {

struct FitWorker {
  std::unique_ptr<digitlab::ValidatedFitJob> run;
  std::vector<std::uint8_t> reply;  // the last report, read by JavaScript
  std::string error;                // why the last call failed
};
FitWorker g_worker;

}  // namespace

extern "C" {

// Takes ownership of `bytes` (allocated with _malloc) and frees it. 1: the run is made;
// 0: the request was refused (fit_error() says why).
EMSCRIPTEN_KEEPALIVE int fit_start(std::uint8_t* bytes, int length) {
  std::vector<std::uint8_t> data(bytes, bytes + (length > 0 ? length : 0));
  std::free(bytes);
  g_worker.run.reset();
  try {
    digitlab::FitRequest request = digitlab::decode_fit_request(data);
    data = {};  // the rows live in the request's datasets from here
    const digitlab::Dataset& fit = *request.fit;
    // No frame waits here: the curve's digits are made at the first pass, whole.
    g_worker.run = std::make_unique<digitlab::ValidatedFitJob>(request.settings, digitlab::rows_of(request.fit),
                                                               fit.labels, request.validation, request.rule,
                                                               digitlab::CurvePace::AtFirstPass, fit.n_classes);
    return 1;
  } catch (const std::exception& e) {
    g_worker.error = digitlab::failure_text(e);
    return 0;
  }
}

// Works for about budget_seconds and returns the report (its size from fit_reply_size());
// the model so far comes with it when asked and at the end. nullptr: the fit threw
// (fit_error() says why) and the run is over.
EMSCRIPTEN_KEEPALIVE const std::uint8_t* fit_step(double budget_seconds, int with_model) {
  if (!g_worker.run) return nullptr;
  try {
    g_worker.run->step(budget_seconds);
    const bool done = g_worker.run->done();
    g_worker.reply = digitlab::encode_fit_report(digitlab::report_of(*g_worker.run, with_model != 0 || done));
    if (done) g_worker.run.reset();
    return g_worker.reply.data();
  } catch (const std::exception& e) {
    g_worker.error = digitlab::failure_text(e);
    g_worker.run.reset();
    return nullptr;
  }
}

EMSCRIPTEN_KEEPALIVE int fit_reply_size() { return static_cast<int>(g_worker.reply.size()); }
EMSCRIPTEN_KEEPALIVE int fit_running() { return g_worker.run ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE const char* fit_error() { return g_worker.error.c_str(); }

// Stop keeps the model so far: the next fit_step reports the run done.
EMSCRIPTEN_KEEPALIVE void fit_stop() {
  if (g_worker.run) g_worker.run->stop();
}

// The page dropped the run (a new one, or it failed there): no more reports.
EMSCRIPTEN_KEEPALIVE void fit_cancel() { g_worker.run.reset(); }

}  // extern "C"

int main() { return 0; }
