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
  const StopRule stop = stop_rule(args);
  Dataset validation;  // empty unless --stop settled
  const std::string out = args.get("out");
  const bool json = args.has("json"), quiet = args.has("quiet");
  check_unused(args);

  // The settled rule watches a validation slice held out of the training digits.
  if (stop == StopRule::Settled) {
    FitAndValidation split = hold_out_validation(data.train);
    data.train = std::move(split.fit);
    validation = std::move(split.validation);
  }
  if (!quiet)
    std::fprintf(stderr, "fitting %s on %d digits (stop: %s%s)\n", describe(settings).c_str(), data.train.size(),
                 to_string(stop),
                 stop == StopRule::Settled ? (", " + std::to_string(validation.size()) + " held out").c_str() : "");
  FitResult fitted = fit_with_progress(settings, data.train, quiet, stop == StopRule::Settled ? &validation : nullptr, stop);
  const Pipeline& pipeline = fitted.pipeline;
  const double fit_seconds = fitted.fit_seconds;
  const ConfusionMatrix cm = evaluate(pipeline, data.test);
  const ClassReport report = classification_report(cm);
  const TrainingProgress& fit = pipeline.model().fit_report();

  if (json) {
    JsonWriter j;
    j.begin_object().key("pipeline").value(describe(pipeline.settings()))
        .key("train_size").value(data.train.size()).key("test_size").value(data.test.size())
        .key("iterations").value(fit.iteration).key("passes").value(fitted.passes)
        .key("status").value(to_string(fit.status)).key("stop_rule").value(to_string(stop))
        .key("validation_digits").value(validation.size())
        .key("fit_seconds").value(fit_seconds).key("accuracy").value(report.accuracy)
        .key("macro_f1").value(report.macro.f1).end_object();
    std::printf("%s\n", j.str().c_str());
  } else {
    std::printf("%s: %d iterations, %d passes (%s), fit %.2f s\n", describe(pipeline.settings()).c_str(),
                fit.iteration, fitted.passes, to_string(fit.status), fit_seconds);
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
