// digitlab chapter-results: runs every chapter's experiment with its default settings
// (src/lessons/experiments.hpp, the definitions the page uses) and writes the results
// the page shows before the learner runs anything (src/lessons/chapter_results.hpp).
#include <cstdio>
#include <fstream>
#include <map>

#include "lessons/chapter_results.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "lessons/experiments.hpp"
#include "report_printing.hpp"
#include "core/tutorial/weight_templates.hpp"

namespace digitlab {

namespace {

using namespace digitlab::app;

void run_all(RunQueue& queue, const char* name, bool quiet) {
  const auto started = std::chrono::steady_clock::now();
  while (queue.busy()) queue.step(1.0);
  if (!quiet)
    std::fprintf(stderr, "chapter-results: %s, %zu runs, %.1f s\n", name, queue.runs().size(), seconds_since(started));
}

void add_all(RunQueue& queue, std::vector<RunSpec> specs) {
  for (RunSpec& spec : specs) queue.add(std::move(spec));
}

}  // namespace

int run_chapter_results(int argc, char** argv) {
  Args args(argc, argv, 2, kCommonSwitches);
  DataOptions options = data_options(args);
  const std::string out = args.get("out");
  check_unused(args);
  if (out.empty()) throw DataError("--out FILE is required");
  if (options.pool_split > 0 || options.subset > 0)
    throw DataError("the page's chapters use the loaded training and test digits as they are: no --pool-split or --subset");
  const auto started = std::chrono::steady_clock::now();
  const TrainTest data = load_data(options);
  const Dataset &train = data.train, &test = data.test;

  RunQueue logistic, scaling, poly, test_size, imbalance, augment, weights;
  add_all(logistic, logistic_runs(LogisticExperiment{}, train, test));
  add_all(scaling, scaling_runs(ScalingExperiment{}, train, test));
  add_all(poly, poly_runs(PolyExperiment{}, train, test));
  add_all(test_size, test_size_runs(TestSizeExperiment{}, train));
  add_all(imbalance, imbalance_runs(ImbalanceExperiment{}, train, test).runs);
  const AugmentExperiment augment_settings;
  const AugmentInputs inputs = augment_inputs(augment_settings, train, test);
  auto grow = augment_train_job(augment_settings, inputs), shake = augment_test_job(augment_settings, inputs);
  while (!grow->done()) grow->step(1.0);
  while (!shake->done()) shake->step(1.0);
  add_all(augment, augment_runs(augment_settings, inputs, std::make_shared<const Dataset>(grow->take()),
                                std::make_shared<const Dataset>(shake->take())));

  add_all(weights, weights_runs(WeightsExperiment{}, train, test));

  std::vector<std::pair<std::string, const RunQueue*>> queues;
  for (auto [name, queue] : {std::pair<const char*, RunQueue*>{"logistic", &logistic}, {"scaling", &scaling},
                             {"poly", &poly}, {"test_size", &test_size}, {"imbalance", &imbalance},
                             {"augment", &augment}, {"weights", &weights}}) {
    run_all(*queue, name, options.quiet);
    queues.emplace_back(name, queue);
  }

  // The Weights chapter shows its run's weights as pictures: those go in the file too.
  const Run& weights_run = *weights.runs().front();
  if (!weights_run.model) throw DataError("chapter-results: weights, " + weights_run.spec.label + ": " + weights_run.error);
  const std::map<std::string, WeightPictures> pictures = {
      {"weights", weight_pictures(pixel_space_weights(*weights_run.model).weights)}};
  const std::string text = write_chapter_results(data.description, train.size(), test.size(), queues, pictures);
  std::ofstream file(out, std::ios::binary);
  file << text;
  if (!file) throw DataError(out + ": cannot write");
  if (!options.quiet) std::fprintf(stderr, "chapter-results: wrote %s in %.1f s\n", out.c_str(), seconds_since(started));
  return 0;
}

}  // namespace digitlab
