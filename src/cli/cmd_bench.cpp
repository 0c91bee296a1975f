// digitlab bench: the tutorial's best pipeline (MinMax, PCA 30, degree-2 features,
// multinomial logistic regression, C=1, balanced, tol 1e-4) on the 60,000 training
// digits, evaluated on the 10,000 test digits; the PCA fit time, one full gradient pass
// (time and GFLOP/s against its FLOP count), and peak memory; the passes over the data
// the fit took and their mean time; then the same fit stopped by the settled-accuracy
// rule (2,000 training digits held out as its validation slice), its time and test
// accuracy (--no-settled skips it). bench/run.sh runs it natively and as wasm under
// node beside scikit-learn and prints the ratios.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "cli_common.hpp"
#include "commands.hpp"
#include "core/common/json_writer.hpp"
#include "core/linear_model/logistic_objective.hpp"
#include "peak_memory.hpp"
#include "core/jobs/pipeline_fit_job.hpp"
#include "report_printing.hpp"
#include "core/data/row_source.hpp"

namespace digitlab {

namespace {

struct GradientTiming {
  double ms = 0, gflops = 0;
};

// The best of a few full passes of the objective at the fitted weights, reading the
// features as training does (PCA scores, expanded a block at a time).
GradientTiming time_gradient(const Pipeline& fitted, const Dataset& train) {
  const LogisticRegression& model = fitted.model();
  const int k = model.n_classes();
  Matrix base(train.size(), fitted.base_count());
  fitted.transform_base_rows(train.features(), base);
  const FeatureSource features = expanded_features(base, PolynomialFeatures(fitted.settings().poly_degree));
  LogisticObjective objective(features, train.labels, balanced_sample_weights(train.labels, k), k,
                              LossKind::Softmax, 1.0 / model.settings().C);
  Eigen::VectorXd theta(objective.parameter_count()), grad;
  Eigen::Map<Eigen::MatrixXd>(theta.data(), features.feature_count, k) = model.coef();
  theta.tail(k) = model.intercept();
  double best = 1e300;
  for (int run = 0; run < 5; ++run) {
    const auto start = std::chrono::steady_clock::now();
    objective.evaluate(theta, grad);
    best = std::min(best, seconds_since(start));
  }
  // Scores X W (2 n f K) and the gradient X^T G (2 n f K).
  const double flops = 4.0 * static_cast<double>(train.size()) * static_cast<double>(features.feature_count) * k;
  return {best * 1e3, flops / best / 1e9};
}

}  // namespace

int run_bench(int argc, char** argv) {
  std::set<std::string> switches = kCommonSwitches;
  switches.insert("no-settled");
  Args args(argc, argv, 2, switches);
  const bool json = args.has("json"), settled = !args.has("no-settled");
  PipelineSettings settings = preset("poly2");
  settings.model.max_iter = args.get_int("max-iter", settings.model.max_iter);
  if (args.has("lbfgs-unscaled")) settings.model.lbfgs_scaling = false;
  DataOptions options = data_options(args);
  options.quiet = true;
  check_unused(args);
  const TrainTest data = load_data(options);

  // The PCA alone, as scikit-learn's PCA(30).fit is timed alone.
  PipelineSettings pca_only = settings;
  pca_only.poly_degree = 1;
  pca_only.model.max_iter = 0;
  const auto pca_start = std::chrono::steady_clock::now();
  PipelineFitJob pca_job(pca_only, rows_of(data.train.pixels), data.train.labels, data.train.n_classes);
  while (pca_job.progress().stage < FitStage::Features) pca_job.step(1.0);
  const double pca_seconds = seconds_since(pca_start);

  const FitResult fitted = fit_with_progress(settings, data.train, true);
  const ConfusionMatrix cm = evaluate(fitted.pipeline, data.test);
  const double peak_mb = peak_memory_mb();  // of the fit and evaluation, before the timing below
  const GradientTiming gradient = time_gradient(fitted.pipeline, data.train);
  const TrainingProgress& fit = fitted.pipeline.model().fit_report();
  const double pass_ms = (fitted.fit_seconds - fitted.preprocess_seconds) / std::max(1, fitted.passes) * 1e3;

  // The page's default rule: stop once the validation accuracy settled.
  double settled_seconds = std::nan(""), settled_accuracy = std::nan("");
  int settled_passes = 0;
  const SettledAccuracySettings rule;  // the one fit_with_progress stops by, named in the output
  if (settled) {
    const FitAndValidation split = hold_out_validation(data.train);
    const FitResult early = fit_with_progress(settings, split.fit, true, &split.validation, StopRule::Settled);
    settled_seconds = early.fit_seconds;
    settled_accuracy = accuracy(evaluate(early.pipeline, data.test));
    settled_passes = early.passes;
  }

  if (json) {
    JsonWriter j;
    j.begin_object().key("fit_seconds").value(fitted.fit_seconds).key("accuracy").value(accuracy(cm))
        .key("pca_seconds").value(pca_seconds).key("gradient_ms").value(gradient.ms)
        .key("gradient_gflops").value(gradient.gflops).key("peak_mb").value(peak_mb)
        .key("iterations").value(fit.iteration).key("status").value(to_string(fit.status))
        .key("passes").value(fitted.passes).key("pass_ms").value(pass_ms)
        .key("settled_seconds").value(settled_seconds).key("settled_accuracy").value(settled_accuracy)
        .key("settled_passes").value(settled_passes)
        .key("settled_window").value(rule.window).key("settled_tolerance_points").value(rule.tolerance * 100)
        .key("settled_average").value(rule.average)
        .key("train_size").value(data.train.size()).key("features").value(fitted.pipeline.feature_count())
        .end_object();
    std::printf("%s\n", j.str().c_str());
  } else {
    std::printf("%s on %d digits: fit %.2f s (%d iterations, %s), accuracy %.4f\n", describe(settings).c_str(),
                data.train.size(), fitted.fit_seconds, fit.iteration, to_string(fit.status), accuracy(cm));
    std::printf("PCA fit %.3f s; gradient pass %.2f ms, %.1f GFLOP/s; peak memory %.0f MB\n", pca_seconds,
                gradient.ms, gradient.gflops, peak_mb);
    std::printf("%d passes, %.2f ms a pass in the fit\n", fitted.passes, pass_ms);
    if (settled)
      std::printf("settled-accuracy rule (%d-pass average under %.2g point over %d passes): %.2f s, %d passes, "
                  "accuracy %.4f\n", rule.average, rule.tolerance * 100, rule.window, settled_seconds, settled_passes,
                  settled_accuracy);
  }
  return 0;
}

}  // namespace digitlab
