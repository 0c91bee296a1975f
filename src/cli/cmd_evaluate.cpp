// digitlab evaluate / predict: use a saved model.
#include <algorithm>
#include <cstdio>

#include "cli_common.hpp"
#include "commands.hpp"
#include "core/data/idx_file.hpp"
#include "core/data/row_source.hpp"
#include "core/jobs/evaluation_job.hpp"
#include "core/metrics/calibration.hpp"
#include "core/metrics/metrics.hpp"
#include "core/linear_model/model_file.hpp"
#include "report_printing.hpp"

namespace digitlab {

int run_evaluate(int argc, char** argv) {
  Args args(argc, argv, 2, kCommonSwitches);
  if (!args.has("model")) throw DataError("evaluate needs --model FILE");
  ModelFile model = load_model(args.get("model"));
  // An IDX pair of one's own (the page's "my drawings" export), or the data folder's test set.
  Dataset test;
  if (args.has("images") || args.has("labels")) {
    if (!args.has("images") || !args.has("labels")) throw DataError("evaluate: give both --images and --labels");
    test = load_idx_dataset(args.get("images"), args.get("labels"), "your IDX pair");
  } else {
    test = load_data(data_options(args)).test;
  }
  check_unused(args);
  if (test.pixel_count() != model.pipeline.input_features())
    throw DataError("evaluate: the images have " + std::to_string(test.pixel_count()) + " pixels, the model " +
                    std::to_string(model.pipeline.input_features()));
  std::printf("model: %s, trained on %s\n", describe(model.pipeline.settings()).c_str(), model.dataset.c_str());
  std::printf("evaluated on: %s (%d images)\n", test.name.c_str(), test.size());
  EvaluationJob job(model.pipeline, rows_of(test.pixels), test.labels);
  job.step(1e9);
  const ConfusionMatrix cm = job.confusion();
  print_evaluation(classification_report(cm), cm);
  // Calibration as the page's Evaluate panel computes it. No temperature here: a model
  // file does not say which training digits it did not fit, and fitting T on the test
  // digits would grade the model on what tuned it.
  std::printf("calibration: ECE %.4f (%d equal-width bins of the top probability), log-loss %.4f; "
              "temperature not fitted (a model file does not say which training digits it did not fit; "
              "the page fits T for models it trains, on their validation slice)\n",
              top_class_reliability(job.probabilities(), test.labels).ece, kCalibrationBins,
              log_loss(job.probabilities(), test.labels));
  return 0;
}

int run_predict(int argc, char** argv) {
  Args args(argc, argv, 2, kCommonSwitches);
  if (!args.has("model") || !args.has("images")) throw DataError("predict needs --model FILE --images IDX");
  ModelFile model = load_model(args.get("model"));
  const std::string path = args.get("images");
  IdxArray images = read_idx(path);
  const int first = args.get_int("first", 10);
  check_unused(args);
  if (images.dims.size() != 3 || images.item_size() != static_cast<std::size_t>(model.pipeline.input_features()))
    throw DataError(path + ": images do not have the model's " + std::to_string(model.pipeline.input_features()) +
                    " pixels");
  const auto n = static_cast<Eigen::Index>(std::min<std::size_t>(images.count(), static_cast<std::size_t>(std::max(first, 0))));
  Matrix X = Eigen::Map<const PixelMatrix>(images.data.data(), n, static_cast<Eigen::Index>(images.item_size())).cast<float>();
  const Eigen::MatrixXf p = model.pipeline.predict_proba(X);
  for (Eigen::Index i = 0; i < n; ++i) {
    Eigen::Index best;
    p.row(i).maxCoeff(&best);
    std::printf("%lld: predicted %lld (p=%.4f)  probabilities", static_cast<long long>(i), static_cast<long long>(best), p(i, best));
    for (Eigen::Index k = 0; k < p.cols(); ++k) std::printf(" %.4f", p(i, k));
    std::printf("\n");
  }
  return 0;
}

}  // namespace digitlab
