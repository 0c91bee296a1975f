// A Train-panel run: a PipelineFitJob and, after every pass, the model's accuracy on a
// validation slice of training digits it does not fit (the live curve, and the settled
// rule's stop). The page runs it on its main thread (a slice per frame) or in a Web
// Worker (src/platform/fit_worker_main.cpp); both step this same class.
//
//   ValidatedFitJob run(settings, rows_of(digits, fit), fit_labels, validation, StopRule::Settled,
//                       CurvePace::BlockPerStep);
//   while (!run.done()) run.step(0.016);
//   Pipeline fitted = run.pipeline();
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/data/dataset.hpp"
#include "core/jobs/pipeline_fit_job.hpp"
#include "core/linear_model/validation_watch.hpp"

namespace digitlab {

// The validation digits go through the fitted preprocessing once per run. On the main
// thread a block per step, so no frame carries all of it (the curve then starts a few
// passes in); in a worker, where no frame waits, all at the first pass (as the CLI does),
// so the curve and the settled rule see every pass.
enum class CurvePace { BlockPerStep, AtFirstPass };

// The most memory the validation slice's features may take (in wasm the watch's loaded
// blocks hold a second, transposed copy of them for the run: validation_watch.hpp).
constexpr double kCurveBytes = 32.0 * (1 << 20);

class ValidatedFitJob {
 public:
  ValidatedFitJob(PipelineSettings settings, RowSource rows, Labels labels, std::shared_ptr<const Dataset> validation,
                  StopRule rule, CurvePace pace, int n_classes = 10);

  // Works for about budget_seconds (70% the fit, the rest the curve's digits).
  void step(double budget_seconds);
  void stop() { job_.stop(); }
  // PipelineFitJob::share_rows. This worker also scores the curve's digits after every
  // pass, yet its shard is as large as the others' (about 3% of a pass more here): equal
  // runs of summation groups make the model the same whatever the worker count.
  void share_rows(int count) { job_.share_rows(count); }
  // The PCA covariance's rows lent to the other shards (PipelineFitJob::add_covariance_part).
  bool add_covariance_part(int shard, PixelSums sums) { return job_.add_covariance_part(shard, std::move(sums)); }
  bool waiting_for_covariance() const { return job_.waiting_for_covariance(); }
  void shards_lost() { job_.shards_lost(); }
  LogisticRegressionTrainer* trainer() { return job_.trainer(); }
  int shards_used() const { return job_.shards_used(); }
  int covariance_shards() const { return job_.covariance_shards(); }
  bool done() const { return job_.done(); }
  bool has_model() const { return job_.has_model(); }
  const FitProgress& progress() const { return job_.progress(); }
  const std::vector<double>& loss_history() const { return job_.loss_history(); }
  const std::vector<int>& problem_starts() const { return job_.problem_starts(); }
  // The loss after every pass over the data (solvers whose iterations cost different
  // numbers of passes compare by it: the Logistic regression chapter's race).
  const std::vector<float>& loss_by_pass() const { return loss_by_pass_; }
  Pipeline pipeline() const { return job_.pipeline(); }  // the model so far; requires has_model()
  const ValidationWatch& watch() const { return watch_; }
  // The validation digits the curve is scored on (0 until their features are made).
  int curve_digits() const { return static_cast<int>(curve_labels_.size()); }
  int curve_digits_ready() const { return curve_rows_ready_; }
  const Dataset* validation() const { return validation_.get(); }

 private:
  int curve_target() const;        // how many validation digits the curve uses
  void prepare_curve(int max_rows);  // the next rows of their features

  PipelineFitJob job_;
  std::shared_ptr<const Dataset> validation_;
  ValidationWatch watch_;
  CurvePace pace_;
  Matrix curve_features_;
  Labels curve_labels_;
  int curve_rows_ready_ = 0;
  std::vector<float> loss_by_pass_;
};

}  // namespace digitlab
