// What crosses between the page and a Web Worker that fits for it (issue 12), as bytes:
// the request (settings, the rows to fit and the validation slice, as 8-bit pixels) one
// way, reports of the run (progress, curves, the validation confusion matrix and, now
// and then, the model so far as a model file) the other way. Both ends are this code
// compiled to wasm, so the layout is plain little-endian values with counts, checked
// against the bytes left when read.
//
//   auto bytes = encode_fit_request(settings, StopRule::Settled, all, fit_rows, validation);
//   FitRequest r = decode_fit_request(bytes);              // in the worker
//   ValidatedFitJob run(r.settings, rows_of(r.fit), r.fit->labels, r.validation, r.rule, ...);
//   auto report = encode_fit_report(report_of(run, true));
//   FitReport seen = decode_fit_report(report);            // on the page
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/data/dataset.hpp"
#include "core/jobs/validated_fit_job.hpp"
#include "core/metrics/metrics.hpp"

namespace digitlab {

struct FitRequest {
  PipelineSettings settings;
  StopRule rule = StopRule::Sklearn;
  std::shared_ptr<const Dataset> fit;         // the rows the model fits, in the page's order
  std::shared_ptr<const Dataset> validation;  // the held-out slice
};

// The same request in pieces to be joined in order: `head`, the fit rows' pixels as runs
// of consecutive rows read where they lie in `all` (not copied), `tail` (the labels and
// the validation slice). The page joins them itself a few MB at a time between its tasks
// (web/fit-workers.js), so pressing Train holds no frame for a copy of up to 47 MB;
// `all` must stay alive and unchanged until it has. joined() is encode_fit_request's bytes.
struct FitRequestPieces {
  struct Piece {
    const std::uint8_t* data = nullptr;
    std::size_t size = 0;
  };
  std::vector<std::uint8_t> head;
  std::vector<Piece> pixel_runs;
  std::vector<std::uint8_t> tail;
  std::size_t size() const;
  std::vector<std::uint8_t> joined() const;
};
FitRequestPieces encode_fit_request_pieces(const PipelineSettings& settings, StopRule rule, const Dataset& all,
                                           const std::vector<int>& fit_rows, const Dataset& validation);

class Reader;
// The same request taken in two parts, as the worker gets it (web/fit-worker.js): head and
// tail joined, then the fit rows' pixels written straight into the fit dataset's own
// memory. Joined whole, the request was a second copy of up to 47 MB in the worker, and
// new memory there is slow to touch (README, "A full run").
//   SplitFitRequest split(head_and_tail, pixels.size());  // reads the head; DataError if malformed
//   std::memcpy(split.pixels(), pixels.data(), pixels.size());  // or pixels not the size the head says
//   FitRequest r = split.finish();                  // reads the tail: decode_fit_request's result
class SplitFitRequest {
 public:
  SplitFitRequest(std::vector<std::uint8_t> head_and_tail, std::size_t pixel_bytes);
  ~SplitFitRequest();
  SplitFitRequest(const SplitFitRequest&) = delete;
  SplitFitRequest& operator=(const SplitFitRequest&) = delete;
  std::uint8_t* pixels() { return fit_ ? fit_->pixels.data() : nullptr; }
  std::size_t pixel_bytes() const;  // rows x pixels a row, as the head says (and as given)
  Eigen::Index pixel_rows() const;  // the fit rows
  Eigen::Index pixel_cols() const;  // pixels a row
  const PipelineSettings& settings() const { return request_.settings; }
  FitRequest finish();              // once; the pixels must be written by then

 private:
  std::vector<std::uint8_t> bytes_;
  std::unique_ptr<Reader> reader_;  // over bytes_, just past the head
  FitRequest request_;
  std::shared_ptr<Dataset> fit_;
};

// Rows `fit_rows` of `all`, and `validation`, in one buffer.
std::vector<std::uint8_t> encode_fit_request(const PipelineSettings& settings, StopRule rule, const Dataset& all,
                                             const std::vector<int>& fit_rows, const Dataset& validation);
FitRequest decode_fit_request(const std::vector<std::uint8_t>& bytes);

// A run as the Train panel shows it.
struct FitReport {
  FitProgress progress;
  std::vector<double> loss_history;   // per iteration
  std::vector<int> problem_starts;    // where each one-vs-rest problem starts in it
  std::vector<float> accuracy_by_pass;  // the validation curve
  int accuracy_first_pass = 1;        // its first value's pass: later on the page's thread, where the slice is made a block per step
  std::vector<float> loss_by_pass;    // the loss after every pass (ValidatedFitJob::loss_by_pass)
  ConfusionMatrix confusion;          // the validation slice's, for the latest model
  // The settled rule's window on accuracy_by_pass: its oldest and newest value's index,
  // -1 before it holds a whole window or with scikit-learn's rule (validation_watch.hpp).
  int rule_window_first = -1, rule_window_last = -1;
  // Beside accuracy_by_pass, the settled rule's average after each pass (NaN before it
  // has one); empty with scikit-learn's rule (ValidationWatch::rule_average_by_pass).
  std::vector<float> rule_average_by_pass;
  std::vector<std::uint8_t> rule_fed_by_pass;  // beside them: 1 where the rule was fed (ValidationWatch)
  int curve_digits = 0;
  int shards = 1;                     // workers sharing the rows (row_shards.hpp)
  int covariance_shards = 1;          // workers that summed the PCA covariance's rows (pipeline_fit_job.hpp)
  bool has_model = false;
  std::vector<std::uint8_t> model;    // a model file of the model so far; empty when not sent
};

FitReport report_of(const ValidatedFitJob& run, bool with_model);
std::vector<std::uint8_t> encode_fit_report(const FitReport& report);
FitReport decode_fit_report(const std::vector<std::uint8_t>& bytes);

}  // namespace digitlab
