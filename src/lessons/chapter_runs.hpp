// The chapters' experiments: a queue of small pipeline fits, each followed by its
// evaluations, advanced a time budget at a time (PipelineFitJob, then EvaluationJob per
// test set), so a learner's "run it" never holds a frame. One run works at a time.
// Given somewhere else to fit (RemoteFits: a Web Worker on the page), a run's fit goes
// there and its reports come back; the evaluations stay here, a slice at a time.
//
//   RunQueue q;
//   q.add({"MinMax", settings, train_digits, {{"test", test_digits}}});
//   every frame:  if (q.busy()) q.step(0.012, &remote);  run_queue_progress(q);
//   q.runs()[0]->score("test")->accuracy;
#pragma once

#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/data/dataset.hpp"
#include "core/jobs/evaluation_job.hpp"
#include "core/metrics/metrics.hpp"
#include "core/linear_model/pipeline.hpp"
#include "core/jobs/pipeline_fit_job.hpp"
#include "lessons/remote_fits.hpp"

namespace digitlab::app {

struct RunSpec {
  std::string label;
  PipelineSettings settings;
  std::shared_ptr<const Dataset> train;
  // Sets to evaluate the fitted model on, by name ("test", "train", "augmented test").
  std::vector<std::pair<std::string, std::shared_ptr<const Dataset>>> evaluations;
};

struct RunScore {
  std::string name;
  double accuracy = std::numeric_limits<double>::quiet_NaN();
  ConfusionMatrix confusion;
  ClassReport report;
};

// Why `start` cannot be the next problem's start after `so_far` in a loss curve of
// `length` values, or "" if it can: the starts rise from 0 and lie within the curve.
// (A worker's report and the results file both carry them.)
std::string start_refused(const std::vector<int>& so_far, int start, std::size_t length);

struct Run {
  ~Run();  // a fit still running in a worker is cancelled
  RunSpec spec;
  std::unique_ptr<PipelineFitJob> fit;
  std::optional<Pipeline> model;                 // once the fit is done
  std::unique_ptr<EvaluationJob> evaluation;     // the one running
  std::size_t evaluated = 0;                     // evaluations finished
  std::vector<float> loss;                       // every iteration; one-vs-rest problems in a row
  std::vector<float> finished_loss;              // earlier one-vs-rest problems, if kept apart
  std::vector<int> loss_starts;                  // where each problem starts in `loss` ({0}: softmax)
  std::vector<int> finished_starts;              // those of finished_loss
  std::vector<float> loss_by_pass;               // after every pass over the data (the solver race)
  std::size_t history_seen = 0;
  TrainingProgress training;                     // the last progress of the fit
  double fit_seconds = 0;
  std::vector<RunScore> scores;
  bool done = false;
  std::string error;                             // bad settings or data; the run is done
  // A result made when the page was built (`digitlab chapter-results`), not run here:
  // no model, no datasets; the counts below stand in for them.
  bool precomputed = false;
  int train_count = 0;                           // training digits
  std::vector<int> evaluation_counts;            // digits of each evaluation, in order
  int feature_count = 0;                         // once fitted
  // A fit in a worker: its number there (0: none running), its last report's progress.
  RemoteFits* remote = nullptr;
  int remote_id = 0;
  FitProgress remote_progress;
  bool remote_reported = false;
  bool fitted_remotely = false;                  // where the model came from, for state()
  int workers = 0;                               // workers that shared its fit's rows (row_shards.hpp)

  const RunScore* score(const std::string& name) const;
  double accuracy(const std::string& name) const;  // NaN until scored
  int features() const { return model ? model->feature_count() : feature_count; }
};

class RunQueue {
 public:
  void clear() { runs_.clear(); }
  void add(RunSpec spec);
  // A finished run made elsewhere (a precomputed result).
  void add_finished(std::unique_ptr<Run> run) { runs_.push_back(std::move(run)); }
  // The queue holds a precomputed result (and nothing run here since).
  bool precomputed() const { return !runs_.empty() && runs_.front()->precomputed; }
  // Advances the first unfinished run by about budget_seconds; returns fraction()
  // (0..1 over all runs). Nothing to do when !busy(). With `remote` available, a run's
  // fit is posted there and this only takes its reports; should the worker break before
  // reporting, the run fits here instead.
  double step(double budget_seconds, RemoteFits* remote = nullptr);
  bool busy() const;
  bool empty() const { return runs_.empty(); }
  bool finished() const { return !runs_.empty() && !busy(); }
  double fraction() const;  // 0..1 over all runs
  std::string status() const;  // "run 2 of 3, MinMaxScaler: training, iteration 40 / 200"
  const std::vector<std::unique_ptr<Run>>& runs() const { return runs_; }
  const Run* find(const std::string& label) const;

 private:
  std::vector<std::unique_ptr<Run>> runs_;
};

}  // namespace digitlab::app
