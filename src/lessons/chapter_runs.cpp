#include "lessons/chapter_runs.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>

#include "core/common/failure_text.hpp"
#include "core/data/row_source.hpp"
#include "core/jobs/fit_messages.hpp"
#include "core/linear_model/model_file.hpp"
#include "core/linear_model/training_estimate.hpp"

namespace digitlab::app {

std::string start_refused(const std::vector<int>& so_far, int start, std::size_t length) {
  if (so_far.empty() ? start != 0 : start <= so_far.back()) return "the starts must rise from 0";
  if (static_cast<std::size_t>(start) > length) return "a start past the loss line's end";  // (not negative: rising from 0)
  return "";
}

namespace {

constexpr double kFitShare = 0.85;  // of one run's progress bar; evaluations the rest

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void track_loss(Run& run, const FitProgress& p, const std::vector<double>& history, const std::vector<int>& starts) {
  if (p.stage < FitStage::Training) return;
  // One-vs-rest trains its problems one after another; should a trainer start each
  // problem's history afresh, the earlier ones are kept in front.
  if (history.size() < run.history_seen) {
    run.finished_loss = run.loss;
    run.finished_starts = run.loss_starts;
  }
  run.history_seen = history.size();
  run.loss = run.finished_loss;
  run.loss.insert(run.loss.end(), history.begin(), history.end());
  // The problems' starts, kept only if they make sense for this history (they may come
  // from a worker's message).
  std::vector<int> sound;
  for (int s : starts) {
    if (!start_refused(sound, s, history.size()).empty()) {
      sound.clear();
      break;
    }
    sound.push_back(s);
  }
  run.loss_starts = run.finished_starts;
  for (int s : sound) run.loss_starts.push_back(static_cast<int>(run.finished_loss.size()) + s);
}

// Posts the run's fit to the worker (every training digit, no validation slice: the
// chapters stop by scikit-learn's rule); false where there is none.
bool post_to_worker(Run& run, RemoteFits& remote) {
  const Dataset& train = *run.spec.train;
  std::vector<int> rows(static_cast<std::size_t>(train.size()));
  for (int i = 0; i < train.size(); ++i) rows[static_cast<std::size_t>(i)] = i;
  Dataset no_validation;
  no_validation.name = train.name;
  no_validation.image_rows = train.image_rows;
  no_validation.image_cols = train.image_cols;
  no_validation.n_classes = train.n_classes;
  no_validation.pixels.resize(0, train.pixels.cols());
  // Its pixels are read after this returns: the run holds `train` and cancels the fit
  // (~Run) before letting it go.
  run.remote_id = remote.start(encode_fit_request_pieces(run.spec.settings, StopRule::Sklearn, train, rows, no_validation));
  if (run.remote_id == 0) return false;
  run.remote = &remote;
  return true;
}

// What the worker sent since the last step; true once its model is in.
bool take_from_worker(Run& run) {
  std::optional<RemoteFits::Arrival> arrival = run.remote->take(run.remote_id);
  if (!arrival) return false;
  if (!arrival->failure.empty()) {
    run.remote_id = 0;
    // A worker that broke before its first report: the run starts again here.
    if (arrival->broken && !run.remote_reported) return false;
    throw DataError(arrival->failure);
  }
  const FitReport report = decode_fit_report(arrival->report);
  run.remote_reported = true;
  run.remote_progress = report.progress;
  run.training = report.progress.training;
  run.workers = report.shards;
  track_loss(run, report.progress, report.loss_history, report.problem_starts);
  run.loss_by_pass = report.loss_by_pass;
  if (report.progress.stage != FitStage::Done) return false;
  if (!report.has_model) throw DataError("the worker's fit ended without its model");
  run.remote->finished(run.remote_id);
  run.remote_id = 0;
  run.fit_seconds = report.progress.elapsed_seconds;
  run.model = decode_model(report.model, "the chapter worker's model").pipeline;
  run.feature_count = run.model->feature_count();
  run.fitted_remotely = true;
  return true;
}

void start_next_evaluation(Run& run) {
  if (run.evaluated >= run.spec.evaluations.size()) {
    run.evaluation.reset();
    run.done = true;
    return;
  }
  const std::shared_ptr<const Dataset>& digits = run.spec.evaluations[run.evaluated].second;
  run.evaluation = std::make_unique<EvaluationJob>(*run.model, rows_of(digits), digits->labels);
}

}  // namespace

Run::~Run() {
  if (remote && remote_id) remote->cancel(remote_id);
}

const RunScore* Run::score(const std::string& name) const {
  for (const RunScore& s : scores)
    if (s.name == name) return &s;
  return nullptr;
}

double Run::accuracy(const std::string& name) const {
  const RunScore* s = score(name);
  return s ? s->accuracy : std::nan("");
}

void RunQueue::add(RunSpec spec) {
  auto run = std::make_unique<Run>();
  run->spec = std::move(spec);
  run->train_count = run->spec.train ? run->spec.train->size() : 0;
  for (const auto& evaluation : run->spec.evaluations)
    run->evaluation_counts.push_back(evaluation.second ? evaluation.second->size() : 0);
  runs_.push_back(std::move(run));
}

const Run* RunQueue::find(const std::string& label) const {
  for (const auto& run : runs_)
    if (run->spec.label == label) return run.get();
  return nullptr;
}

bool RunQueue::busy() const {
  for (const auto& run : runs_)
    if (!run->done) return true;
  return false;
}

double RunQueue::step(double budget_seconds, RemoteFits* remote) {
  Run* run = nullptr;
  for (auto& r : runs_)
    if (!r->done) {
      run = r.get();
      break;
    }
  if (!run) return fraction();
  const auto started = std::chrono::steady_clock::now();
  try {
    if (!run->model && run->remote_id) {
      if (!take_from_worker(*run)) return fraction();
      start_next_evaluation(*run);
      return fraction();
    }
    if (!run->model) {
      if (!run->fit) {
        const std::shared_ptr<const Dataset>& train = run->spec.train;
        if (!train || train->size() == 0) throw DataError("no training digits");
        // The same check as the Train panel's: a setting the page cannot hold is refused.
        const TrainingEstimate estimate = estimate_training(run->spec.settings, train->size(), train->pixel_count(),
                                                            train->n_classes, page_training_limits());
        if (!estimate.refusal.empty()) throw DataError(estimate.refusal);
        if (remote && remote->available() && post_to_worker(*run, *remote)) return fraction();
        run->fit = std::make_unique<PipelineFitJob>(run->spec.settings, rows_of(train), train->labels,
                                                    train->n_classes);
        // The loss after every pass, so solvers whose iterations cost different numbers of
        // passes are compared by their cost (the Logistic regression chapter's race).
        Run* recorded = run;
        run->fit->set_pass_callback([recorded](const LogisticRegressionTrainer& trainer) {
          recorded->loss_by_pass.push_back(static_cast<float>(trainer.progress().loss));
          return std::string();
        });
      }
      run->fit->step(budget_seconds);
      track_loss(*run, run->fit->progress(), run->fit->loss_history(), run->fit->problem_starts());
      run->training = run->fit->progress().training;
      if (!run->fit->done()) return fraction();
      run->fit_seconds = run->fit->progress().elapsed_seconds;
      if (!run->fit->has_model()) throw DataError("the fit ended without a model");
      run->model = run->fit->pipeline();
      run->feature_count = run->model->feature_count();
      run->fit.reset();  // its feature matrix is the biggest thing a run holds
      start_next_evaluation(*run);
      return fraction();
    }
    const double left = budget_seconds - seconds_since(started);
    if (run->evaluation) run->evaluation->step(std::max(0.002, left));
    if (run->evaluation && run->evaluation->done()) {
      const auto& [name, digits] = run->spec.evaluations[run->evaluated];
      RunScore score;
      score.name = name;
      score.confusion = run->evaluation->confusion();
      score.report = classification_report(score.confusion);
      score.accuracy = score.report.accuracy;
      run->scores.push_back(std::move(score));
      ++run->evaluated;
      start_next_evaluation(*run);
    }
  } catch (const std::exception& e) {  // bad settings or data, or no memory: this run ends
    run->error = failure_text(e);
    if (run->remote && run->remote_id) run->remote->cancel(run->remote_id);
    run->remote_id = 0;
    run->fit.reset();
    run->evaluation.reset();
    run->done = true;
  }
  return fraction();
}

double RunQueue::fraction() const {
  if (runs_.empty()) return 0.0;
  double sum = 0;
  for (const auto& run : runs_) {
    if (run->done) {
      sum += 1;
    } else if (run->fit) {
      sum += kFitShare * run->fit->progress().fraction;
    } else if (run->remote_id) {
      sum += kFitShare * run->remote_progress.fraction;
    } else if (run->model) {
      const double per = 1.0 / std::max<std::size_t>(1, run->spec.evaluations.size());
      const double within = run->evaluation ? run->evaluation->fraction() : 0.0;
      sum += kFitShare + (1 - kFitShare) * per * (static_cast<double>(run->evaluated) + within);
    }
  }
  return sum / static_cast<double>(runs_.size());
}

std::string RunQueue::status() const {
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    const Run& run = *runs_[i];
    if (run.done) continue;
    char text[200];
    if (run.fit && run.fit->progress().stage == FitStage::Training) {
      std::snprintf(text, sizeof text, "run %zu of %zu, %s: training, iteration %d / %d", i + 1, runs_.size(),
                    run.spec.label.c_str(), run.training.iteration, run.training.max_iterations);
    } else if (run.fit) {
      std::snprintf(text, sizeof text, "run %zu of %zu, %s: %s", i + 1, runs_.size(), run.spec.label.c_str(),
                    to_string(run.fit->progress().stage));
    } else if (run.remote_id && run.remote_progress.stage == FitStage::Training) {
      const std::string where = run.workers > 1 ? std::to_string(run.workers) + " workers" : "a worker";
      std::snprintf(text, sizeof text, "run %zu of %zu, %s: training in %s, iteration %d / %d", i + 1, runs_.size(),
                    run.spec.label.c_str(), where.c_str(), run.training.iteration, run.training.max_iterations);
    } else if (run.remote_id) {
      std::snprintf(text, sizeof text, "run %zu of %zu, %s: %s in a worker", i + 1, runs_.size(),
                    run.spec.label.c_str(), run.remote_reported ? to_string(run.remote_progress.stage) : "starting");
    } else if (run.model) {
      std::snprintf(text, sizeof text, "run %zu of %zu, %s: scoring on the %s digits", i + 1, runs_.size(),
                    run.spec.label.c_str(), run.spec.evaluations[run.evaluated].first.c_str());
    } else {
      std::snprintf(text, sizeof text, "run %zu of %zu, %s: waiting", i + 1, runs_.size(), run.spec.label.c_str());
    }
    return text;
  }
  return runs_.empty() ? "not run yet" : "done";
}

}  // namespace digitlab::app
