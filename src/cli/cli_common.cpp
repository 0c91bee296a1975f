#include "cli_common.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "core/jobs/evaluation_job.hpp"
#include "machine_limits.hpp"
#include "core/jobs/pipeline_fit_job.hpp"
#include "core/linear_model/presets.hpp"
#include "core/linear_model/setting_names.hpp"
#include "core/data/split.hpp"
#include "core/linear_model/validation_watch.hpp"

namespace digitlab {

const std::set<std::string> kCommonSwitches = {"balanced", "json", "quiet", "stratify", "help", "lbfgs-unscaled"};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

DataOptions data_options(const Args& args) {
  DataOptions o;
  const char* env = std::getenv("MNIST_DIR");
  o.dir = args.get("data", env ? env : "");
  o.pool_split = args.get_double("pool-split", 0.0);
  o.seed = static_cast<std::uint32_t>(args.get_int("seed", 42));
  o.stratify = args.has("stratify");
  o.subset = args.get_int("subset", 0);
  o.quiet = args.has("quiet");
  return o;
}

TrainTest load_data(const DataOptions& o) {
  if (o.dir.empty()) throw DataError("no data folder: pass --data DIR or set MNIST_DIR (scripts/fetch-mnist.sh makes one)");
  TrainTest data = load_data_dir(o.dir);
  std::string note = data.description;
  if (o.pool_split != 0.0) {
    if (!(o.pool_split > 0 && o.pool_split < 1)) throw DataError("--pool-split must be between 0 and 1");
    Dataset all = concatenate(data.train, data.test);
    SplitIndices split = o.stratify ? stratified_train_test_split(all.labels, o.pool_split, o.seed)
                                    : train_test_split(all.size(), o.pool_split, o.seed);
    data.train = take(all, split.train);
    data.test = take(all, split.test);
    char buffer[200];
    std::snprintf(buffer, sizeof buffer, "; pooled %s and split %g for test (seed %u%s): %s train + %s test",
                  with_thousands(all.size()).c_str(), o.pool_split, o.seed, o.stratify ? ", stratified" : "",
                  with_thousands(data.train.size()).c_str(), with_thousands(data.test.size()).c_str());
    note += buffer;
  }
  if (o.subset > 0 && o.subset < data.train.size()) {
    if (o.subset < 10) throw DataError("--subset must be at least 10");
    data.train = take(data.train, stratified_subset(data.train.labels, o.subset, o.seed));
    note += "; training subset of " + with_thousands(data.train.size());
  }
  if (!o.quiet) std::cerr << "data: " << note << "\n";
  data.description = note;
  return data;
}

PipelineSettings preset(const std::string& name) {
  if (const Preset* p = find_preset(name)) return p->settings;
  throw DataError("unknown preset '" + name + "' (" + preset_choices() + ")");
}

PipelineSettings pipeline_settings(const Args& args) {
  PipelineSettings s = args.has("preset") ? preset(args.get("preset")) : PipelineSettings{};
  if (args.has("scaling")) s.scaling = parse_switch<Scaling>("--scaling", args.get("scaling"));
  s.pca_components = args.get_int("pca", s.pca_components);
  s.poly_degree = args.get_int("poly", s.poly_degree);
  LogisticRegressionSettings& m = s.model;
  m.C = args.get_double("C", m.C);
  if (args.has("balanced")) m.balanced = true;
  m.max_iter = args.get_int("max-iter", m.max_iter);
  m.tol = args.get_double("tol", m.tol);
  if (args.has("multi-class")) m.multi_class = parse_switch<MultiClass>("--multi-class", args.get("multi-class"));
  if (args.has("solver")) m.solver = parse_switch<Solver>("--solver", args.get("solver"));
  if (args.has("lbfgs-unscaled")) m.lbfgs_scaling = false;
  m.batch_size = args.get_int("batch-size", m.batch_size);
  m.learning_rate = args.get_double("learning-rate", m.learning_rate);
  m.seed = static_cast<std::uint32_t>(args.get_int("seed", static_cast<int>(m.seed)));
  return s;
}

StopRule stop_rule(const Args& args) {
  StopRule rule = StopRule::Sklearn;
  const std::string name = args.get("stop", "sklearn");
  if (!parse_stop_rule(name, rule)) throw DataError("--stop is settled or sklearn, not '" + name + "'");
  return rule;
}

FitAndValidation hold_out_validation(const Dataset& train) {
  const int count = std::min(2000, train.size() / 5);
  const std::vector<int> held_out = stratified_subset(train.labels, count, 0);
  std::vector<char> is_held_out(static_cast<std::size_t>(train.size()), 0);
  for (int i : held_out) is_held_out[static_cast<std::size_t>(i)] = 1;
  std::vector<int> rest;
  for (int i = 0; i < train.size(); ++i)
    if (!is_held_out[static_cast<std::size_t>(i)]) rest.push_back(i);
  return {take(train, rest), take(train, held_out)};
}

FitResult fit_with_progress(const PipelineSettings& settings, const Dataset& train, bool quiet,
                            const Dataset* validation, StopRule rule) {
  // Checked before anything is allocated: a request too big for this machine is refused
  // with what it needs, a slow one is announced.
  const TrainingEstimate estimate =
      estimate_training(settings, train.size(), train.pixel_count(), train.n_classes, machine_limits());
  if (!estimate.refusal.empty()) throw DataError("cannot train: " + estimate.refusal);
  if (!estimate.warning.empty()) std::fprintf(stderr, "note: %s\n", estimate.warning.c_str());
  PipelineFitJob job(settings, rows_of(train.pixels), train.labels, train.n_classes);
  ValidationWatch watch(rule);
  Matrix validation_features;  // made once training begins, through the fitted preprocessing
  if (validation) {
    job.set_pass_callback([&](const LogisticRegressionTrainer& trainer) {
      if (validation_features.size() == 0) {
        const Pipeline fitted = job.pipeline();
        validation_features.resize(validation->size(), fitted.feature_count());
        fitted.transform_rows(validation->features(), validation_features);
      }
      return watch.after_pass(trainer, validation_features, validation->labels);
    });
  }
  auto last_report = std::chrono::steady_clock::now();
  while (!job.done()) {
    job.step(0.5);
    const FitProgress& p = job.progress();
    if (!quiet && seconds_since(last_report) > 5.0) {
      std::fprintf(stderr, "  %s: iteration %d/%d  loss %.6f  |g|max %.3g  %.1fs\n", to_string(p.stage),
                   p.training.iteration, p.training.max_iterations, p.training.loss, p.training.gradient_max,
                   p.elapsed_seconds);
      last_report = std::chrono::steady_clock::now();
    }
  }
  FitResult result{job.pipeline(), job.progress().elapsed_seconds, job.progress().preprocess_seconds,
                   job.progress().training.passes, watch.accuracy_by_pass()};
  const TrainingProgress& report = result.pipeline.model().fit_report();
  // As scikit-learn: anything but convergence is a ConvergenceWarning (a failed line
  // search included), with the solver's own reason. The settled rule's stop is asked for.
  if (report.status == TrainingStatus::Settled && !quiet)
    std::fprintf(stderr, "stopped by the settled-accuracy rule after %d passes: %s\n", result.passes,
                 report.message.c_str());
  else if (report.status != TrainingStatus::Converged && report.status != TrainingStatus::Settled)
    std::fprintf(stderr, "ConvergenceWarning: %s (status %s)\n", report.message.c_str(), to_string(report.status));
  return result;
}

ConfusionMatrix evaluate(const Pipeline& pipeline, const Dataset& test) {
  EvaluationJob job(pipeline, rows_of(test.pixels), test.labels);
  job.step(1e9);
  return job.confusion();
}

}  // namespace digitlab
