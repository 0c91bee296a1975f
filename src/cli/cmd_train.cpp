// digitlab train: fit on the training digits, report on the test digits, save.
#include <cstdio>

#include "cli_common.hpp"
#include "commands.hpp"
#include "core/common/json_writer.hpp"
#include "core/metrics/metrics.hpp"
#include "core/linear_model/model_file.hpp"
#include "report_printing.hpp"

namespace digitlab {

int run_train(int argc, char** argv) {
  Args args(argc, argv, 2, kCommonSwitches);
  TrainTest data = load_data(data_options(args));
  const PipelineSettings settings = pipeline_settings(args);
  const std::string out = args.get("out");
  const bool json = args.has("json"), quiet = args.has("quiet");
  check_unused(args);

  if (!quiet) std::fprintf(stderr, "fitting %s on %d digits\n", describe(settings).c_str(), data.train.size());
  FitResult fitted = fit_with_progress(settings, data.train, quiet);
  const Pipeline& pipeline = fitted.pipeline;
  const double fit_seconds = fitted.fit_seconds;
  const ConfusionMatrix cm = evaluate(pipeline, data.test);
  const ClassReport report = classification_report(cm);
  const TrainingProgress& fit = pipeline.model().fit_report();

  if (json) {
    JsonWriter j;
    j.begin_object().key("pipeline").value(describe(pipeline.settings()))
        .key("train_size").value(data.train.size()).key("test_size").value(data.test.size())
        .key("iterations").value(fit.iteration).key("status").value(to_string(fit.status))
        .key("fit_seconds").value(fit_seconds).key("accuracy").value(report.accuracy)
        .key("macro_f1").value(report.macro.f1).end_object();
    std::printf("%s\n", j.str().c_str());
  } else {
    std::printf("%s: %d iterations (%s), fit %.2f s\n", describe(pipeline.settings()).c_str(), fit.iteration,
                to_string(fit.status), fit_seconds);
    print_evaluation(report, cm);
  }
  // A run that diverged or failed holds weights from a run that went wrong: it does not
  // replace whatever model file is there (exit status 1: nothing was written).
  if (!out.empty() && (fit.status == TrainingStatus::Diverged || fit.status == TrainingStatus::Failed)) {
    std::fprintf(stderr, "not saving %s: training %s; the file stays as it was\n", out.c_str(), to_string(fit.status));
    return 1;
  }
  if (!out.empty()) {
    save_model(ModelFile{pipeline, data.train.name + " (" + with_thousands(data.train.size()) + ")",
                         data.train.image_rows, data.train.image_cols},
               out);
    if (!quiet) std::fprintf(stderr, "saved %s\n", out.c_str());
  }
  return 0;
}

}  // namespace digitlab
