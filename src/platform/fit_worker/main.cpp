// The page's training worker (issue 12): a small program with the learning core only (no
// ImGui, no SDL), run in a Web Worker by web/fit-worker.js. It receives one request at a
// time (core/jobs/fit_messages.hpp), runs the same ValidatedFitJob the page's thread would,
// a slice at a time, and returns a report after each slice. The worker yields to its
// event loop between slices, so a Stop message is seen within one slice.
//
// Row sharding (row_shards.hpp): with N workers, one runs the fit and evaluates the
// first share of the rows of each L-BFGS pass (a little under an Nth); the others, loaded with their rows once,
// evaluate theirs (shard_handle) and return a part. Their messages queue here
// (fit_take_message) for web/fit-worker.js to post.
#include <emscripten.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "core/common/failure_text.hpp"
#include "core/jobs/fit_messages.hpp"
#include "core/jobs/shard_messages.hpp"

namespace {

struct FitWorker {
  std::unique_ptr<digitlab::SplitFitRequest> request;  // between fit_begin and fit_start
  std::unique_ptr<digitlab::ValidatedFitJob> run;
  std::vector<std::uint8_t> reply;  // the last report, read by JavaScript
  std::string error;                // why the last call failed
  // The fitting worker: messages to the other shards, in order, and the one taken.
  digitlab::ShardCourier courier;
  std::deque<std::pair<int, std::vector<std::uint8_t>>> outbox;
  std::pair<int, std::vector<std::uint8_t>> message;
  // A shard's worker: its rows and objective.
  digitlab::ShardEvaluator shard;
};
FitWorker g_worker;

// The shards' rows once training begins, one-vs-rest's targets as it moves to its next
// class, then each pass's point.
void queue_shard_messages() {
  digitlab::LogisticRegressionTrainer* trainer = g_worker.run->trainer();
  if (!trainer) return;
  for (auto& message : g_worker.courier.collect(*trainer)) g_worker.outbox.push_back(std::move(message));
}

}  // namespace

extern "C" {

// A run's request comes in two parts (SplitFitRequest, web/fit-worker.js): fit_begin takes
// the head and tail (`bytes`, allocated with _malloc; it frees them) and the size of the
// pixels to come, and makes room for them at fit_pixels(); the caller writes them there,
// then fit_start makes the run. 1: done; 0: refused (fit_error() says why; the request is
// dropped). `shards`: how many workers share the rows (1: this one alone).
EMSCRIPTEN_KEEPALIVE int fit_begin(std::uint8_t* bytes, int length, double pixel_bytes) {
  std::vector<std::uint8_t> data(bytes, bytes + (length > 0 ? length : 0));
  std::free(bytes);
  g_worker.run.reset();
  g_worker.request.reset();
  g_worker.outbox.clear();
  g_worker.courier = digitlab::ShardCourier();
  try {
    if (!(pixel_bytes >= 0 && pixel_bytes < 4294967296.0)) throw digitlab::DataError("fit message: bad pixel size");
    g_worker.request = std::make_unique<digitlab::SplitFitRequest>(std::move(data), static_cast<std::size_t>(pixel_bytes));
    return 1;
  } catch (const std::exception& e) {
    g_worker.error = digitlab::failure_text(e);
    g_worker.request.reset();
    return 0;
  }
}

EMSCRIPTEN_KEEPALIVE std::uint8_t* fit_pixels() { return g_worker.request ? g_worker.request->pixels() : nullptr; }

// Between fit_begin and fit_start: the fit rows that shard `shard` of `shards` sums for the
// PCA covariance (shares_covariance, pipeline_fit_job.hpp), from row fit_lent_first() to
// fit_lent_end(), fit_row_bytes() bytes a row; -1 when the run lends none.
EMSCRIPTEN_KEEPALIVE int fit_lent_first(int shard, int shards) {
  if (!g_worker.request || !digitlab::shares_covariance(g_worker.request->settings(), g_worker.request->pixel_rows(), shards)) return -1;
  return static_cast<int>(digitlab::covariance_share(g_worker.request->pixel_rows(), shards, shard).begin);
}
EMSCRIPTEN_KEEPALIVE int fit_lent_end(int shard, int shards) {
  if (!g_worker.request || !digitlab::shares_covariance(g_worker.request->settings(), g_worker.request->pixel_rows(), shards)) return -1;
  return static_cast<int>(digitlab::covariance_share(g_worker.request->pixel_rows(), shards, shard).end);
}
EMSCRIPTEN_KEEPALIVE int fit_row_bytes() { return g_worker.request ? static_cast<int>(g_worker.request->pixel_cols()) : 0; }

EMSCRIPTEN_KEEPALIVE int fit_start(int shards) {
  try {
    if (!g_worker.request) throw digitlab::DataError("fit message: no request begun");
    const digitlab::FitRequest request = g_worker.request->finish();
    g_worker.request.reset();
    const digitlab::Dataset& fit = *request.fit;
    // No frame waits here: the curve's digits are made at the first pass, whole.
    g_worker.run = std::make_unique<digitlab::ValidatedFitJob>(request.settings, digitlab::rows_of(request.fit),
                                                               fit.labels, request.validation, request.rule,
                                                               digitlab::CurvePace::AtFirstPass, fit.n_classes);
    g_worker.run->share_rows(shards);
    return 1;
  } catch (const std::exception& e) {
    g_worker.error = digitlab::failure_text(e);
    g_worker.request.reset();
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
    queue_shard_messages();
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
EMSCRIPTEN_KEEPALIVE void fit_cancel() {
  g_worker.request.reset();
  g_worker.run.reset();
  g_worker.outbox.clear();
}

// The next message for another shard's worker (its bytes; fit_message_size() and
// fit_message_shard() say how many and for which), or nullptr when none is queued.
EMSCRIPTEN_KEEPALIVE const std::uint8_t* fit_take_message() {
  if (g_worker.outbox.empty()) return nullptr;
  g_worker.message = std::move(g_worker.outbox.front());
  g_worker.outbox.pop_front();
  return g_worker.message.second.data();
}
EMSCRIPTEN_KEEPALIVE int fit_message_size() { return static_cast<int>(g_worker.message.second.size()); }
EMSCRIPTEN_KEEPALIVE int fit_message_shard() { return g_worker.message.first; }

// 1 while this worker's rows of a pass are done and other shards' parts are missing:
// nothing to do until one arrives.
EMSCRIPTEN_KEEPALIVE int fit_waiting() {
  digitlab::LogisticRegressionTrainer* trainer = g_worker.run ? g_worker.run->trainer() : nullptr;
  if (g_worker.run && g_worker.run->waiting_for_covariance()) return 1;
  return trainer && trainer->waiting_for_shards() ? 1 : 0;
}

// A part from another shard's worker; takes ownership of `bytes` (_malloc). 1: taken;
// 0: a pass's part of an earlier pass, or malformed (fit_error() says so); -1: covariance
// sums refused (malformed, or not lent: fit_error() says so), which will not come again,
// so the caller takes the shards' rows back.
EMSCRIPTEN_KEEPALIVE int fit_shard_part(std::uint8_t* bytes, int length) {
  std::vector<std::uint8_t> data(bytes, bytes + (length > 0 ? length : 0));
  std::free(bytes);
  digitlab::LogisticRegressionTrainer* trainer = g_worker.run ? g_worker.run->trainer() : nullptr;
  try {
    if (digitlab::is_covariance_part(data)) {
      digitlab::CovariancePart part;
      try {
        part = digitlab::decode_covariance_part(data);
      } catch (const std::exception& e) {
        g_worker.error = digitlab::failure_text(e);
        return -1;
      }
      if (g_worker.run && g_worker.run->add_covariance_part(part.shard, std::move(part.sums))) return 1;
      g_worker.error = "covariance sums of rows this run did not lend";
      return -1;
    }
    if (!trainer) return 0;
    const digitlab::ShardPart part = digitlab::decode_shard_part(data);
    return trainer->add_shard_part(part.pass, part.shard, part.loss, part.grad) ? 1 : 0;
  } catch (const std::exception& e) {
    g_worker.error = digitlab::failure_text(e);
    return 0;
  }
}

// Another shard's worker failed: this one evaluates every row from now on.
EMSCRIPTEN_KEEPALIVE void fit_shards_lost() {
  digitlab::LogisticRegressionTrainer* trainer = g_worker.run ? g_worker.run->trainer() : nullptr;
  if (trainer) trainer->take_back_rows();
  else if (g_worker.run) g_worker.run->shards_lost();  // still preprocessing: training will not share
  g_worker.outbox.clear();
}

// As a shard's worker: a load (no reply) or a pass's request (its part, then at
// fit_reply() with fit_reply_size() bytes). 1: handled; 0: refused (fit_error() says why).
EMSCRIPTEN_KEEPALIVE int shard_handle(std::uint8_t* bytes, int length) {
  std::vector<std::uint8_t> data(bytes, bytes + (length > 0 ? length : 0));
  std::free(bytes);
  try {
    g_worker.reply = g_worker.shard.handle(data);
    return 1;
  } catch (const std::exception& e) {
    g_worker.reply.clear();
    g_worker.error = digitlab::failure_text(e);
    return 0;
  }
}
EMSCRIPTEN_KEEPALIVE const std::uint8_t* fit_reply() { return g_worker.reply.data(); }

// As a shard's worker: its share of a run's fit rows for the PCA covariance, `rows` x `cols`
// pixels in `length` bytes (allocated with _malloc; it frees them). The sums to return
// are then at fit_reply() (fit_reply_size() bytes). 1: done; 0: refused (fit_error() says why).
EMSCRIPTEN_KEEPALIVE int shard_covariance(std::uint8_t* pixels, double length, int rows, int cols, int shard) {
  std::unique_ptr<std::uint8_t, decltype(&std::free)> owned(pixels, &std::free);
  g_worker.reply.clear();
  try {
    if (!pixels || rows < 1 || cols < 1 || shard < 1 || length != static_cast<double>(rows) * cols)
      throw digitlab::DataError("shard message: covariance rows of the wrong size");
    digitlab::CovariancePart part;
    part.shard = shard;
    part.sums = digitlab::pixel_sums(Eigen::Map<const digitlab::PixelMatrix>(pixels, rows, cols));
    g_worker.reply = digitlab::encode_covariance_part(part);
    return 1;
  } catch (const std::exception& e) {
    g_worker.error = digitlab::failure_text(e);
    return 0;
  }
}

}  // extern "C"

int main() { return 0; }
