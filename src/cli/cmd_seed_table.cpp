// digitlab seed-table: the tutorial's experiment, one row per step, on all 70,000
// digits split 80/20 with seed 42 (scikit-learn's exact split, see split.hpp). The rows
// are independent fits, so --jobs N fits N of them at once (default: one per hardware
// thread); each fit is the same as alone, so the table is too, only its fit seconds move.
#include <cstdio>
#include <sstream>

#include "cli_common.hpp"
#include "commands.hpp"
#include "core/common/json_writer.hpp"
#include "core/metrics/metrics.hpp"
#include "report_printing.hpp"
#include "rows_in_parallel.hpp"

namespace digitlab {

int run_seed_table(int argc, char** argv) {
  Args args(argc, argv, 2, kCommonSwitches);
  const bool json = args.has("json"), quiet = args.has("quiet");
  std::vector<std::string> rows;
  std::stringstream list(args.get("rows", "raw,standard,minmax,pca30,poly2"));
  for (std::string row; std::getline(list, row, ',');) rows.push_back(row);
  const int max_iter_override = args.get_int("max-iter", 0);
  const double tol = args.get_double("tol", 1e-4);
  const int jobs = args.get_int("jobs", default_jobs());
  const bool lbfgs_unscaled = args.has("lbfgs-unscaled");  // scipy's steps, to measure against
  if (jobs < 1) throw DataError("--jobs is at least 1, not " + std::to_string(jobs));
  DataOptions options = data_options(args);
  if (options.pool_split == 0.0) options.pool_split = 0.2;  // the tutorial's split unless asked otherwise
  check_unused(args);
  std::vector<PipelineSettings> settings_by_row;
  for (const std::string& row : rows) settings_by_row.push_back(preset(row));  // an unknown row fails before loading
  TrainTest data = load_data(options);

  if (!json) std::printf("%-34s %8s %10s %9s %9s %9s  %s\n", "step", "features", "iterations", "fit s", "accuracy", "macro F1", "status");
  std::fflush(stdout);
  // With several fits at once their progress lines would interleave: only one at a time prints them.
  const bool fit_quietly = quiet || std::min<std::size_t>(rows.size(), static_cast<std::size_t>(jobs)) > 1;
  auto fit_row = [&](std::size_t i) {
    PipelineSettings settings = settings_by_row[i];
    if (max_iter_override > 0) settings.model.max_iter = max_iter_override;
    settings.model.tol = tol;
    if (lbfgs_unscaled) settings.model.lbfgs_scaling = false;
    const FitResult fitted = fit_with_progress(settings, data.train, fit_quietly);
    const Pipeline& pipeline = fitted.pipeline;
    const double fit_seconds = fitted.fit_seconds;
    const ConfusionMatrix cm = evaluate(pipeline, data.test);
    const ClassReport report = classification_report(cm);
    const TrainingProgress& fit = pipeline.model().fit_report();
    const int features = pipeline.model().n_features();
    if (json) {
      JsonWriter j;
      j.begin_object().key("step").value(describe(settings)).key("features").value(features)
          .key("iterations").value(fit.iteration).key("fit_seconds").value(fit_seconds).key("preprocess_seconds").value(fitted.preprocess_seconds)
          .key("accuracy").value(report.accuracy).key("macro_f1").value(report.macro.f1)
          .key("status").value(to_string(fit.status)).key("max_iter").value(settings.model.max_iter).end_object();
      return j.str();
    }
    char line[256];
    std::snprintf(line, sizeof line, "%-34s %8d %10d %9.2f %8.2f%% %9.4f  %s", describe(settings).c_str(), features,
                  fit.iteration, fit_seconds, 100.0 * report.accuracy, report.macro.f1, to_string(fit.status));
    return std::string(line);
  };
  run_in_order(rows.size(), jobs, fit_row, [](const std::string& line) {
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
  });
  return 0;
}

}  // namespace digitlab
