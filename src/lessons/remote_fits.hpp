// Somewhere else to run the chapters' fits: on the page, Web Workers (web/digitlab.js's
// chapterWorker, the same program as the Train panel's, sharing an L-BFGS fit's rows); natively nothing, and the
// queue fits on its own thread as before. The queue posts a fit request
// (core/jobs/fit_messages.hpp) under a number and later takes the newest report for it;
// the platform delivers reports and failures as they arrive, between frames.
//
//   RemoteFits remote;                                // AppState::chapters.remote
//   remote.post = [](int id, const FitRequestPieces& r) { return worker.start(id, r); };
//   int id = remote.start(encode_fit_request_pieces(...));  // 0: no worker, fit here
//   ... remote.deliver(id, report_bytes);             // from the platform
//   if (auto r = remote.take(id)) use(r->report);     // the newest report, once
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace digitlab {
struct FitRequestPieces;
}

namespace digitlab::app {

class RemoteFits {
 public:
  // Set by the platform: post a request (true: a worker has it), end a fit early. The
  // request's pixel runs are read after post returns, until the fit is cancelled: the
  // Run that posted it holds those digits and cancels its fit before letting them go.
  std::function<bool(int id, const FitRequestPieces& request)> post;
  std::function<void(int id)> cancel_fit;

  // A number for the request once a worker has it; 0 where there is none (or it broke).
  int start(const FitRequestPieces& request);
  void cancel(int id);
  bool available() const { return post && broken_.empty() && refused_.empty(); }
  // Fits stay here while `why` is not empty (?workers=0: the page's own thread).
  void refuse(std::string why) { refused_ = std::move(why); }
  // Fits posted and not yet finished, failed or cancelled (the page draws fewer frames then).
  bool busy() const { return !running_.empty(); }
  void finished(int id) { running_.erase(id); }  // its last report was taken
  // Why fits stay here: a worker broke, or they were refused.
  const std::string& broken() const { return broken_.empty() ? refused_ : broken_; }

  // From the platform: the newest report of fit `id` (earlier ones are superseded; a
  // cancelled fit's are dropped), or
  // its failure: the fit threw (broken false) or the worker itself failed (broken true:
  // later fits stay on the page).
  void deliver(int id, std::vector<std::uint8_t> report);
  void fail(int id, const std::string& why, bool broken);

  struct Arrival {
    std::vector<std::uint8_t> report;  // empty with a failure
    std::string failure;
    bool broken = false;
  };
  // What arrived for `id` since the last take, once.
  std::optional<Arrival> take(int id);

 private:
  int next_id_ = 1;
  std::string broken_, refused_;
  std::map<int, Arrival> inbox_;
  std::set<int> cancelled_;  // their late reports are dropped
  std::set<int> running_;
};

}  // namespace digitlab::app
