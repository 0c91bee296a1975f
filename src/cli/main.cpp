// digitlab: the learning core from the command line (natively, or as wasm under node).
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "commands.hpp"
#include "core/common/types.hpp"

namespace {

const char* kUsage = R"(digitlab: classify handwritten digits with the tutorial's pipeline

usage: digitlab COMMAND [options]

commands
  train        fit a pipeline on the training digits, evaluate on the test digits
               [--out model.dlm] [--json]
  evaluate     --model FILE: accuracy, classification report, confusion matrix on the
               test digits, or on --images IDX --labels IDX (e.g. the page's "my drawings")
  predict      --model FILE --images IDX [--first N]: one line per image
  export       --model FILE --out FILE.json: the model as JSON
  seed-table   the tutorial's table on all 70,000 digits (80/20, seed 42) [--json]
               [--jobs N]: N rows fitted at once (default: one per hardware thread)
               [--rows raw,standard,minmax,pca30,poly2]
  inspect      FILE [--as images|labels]: what an IDX or model file holds (exit 2 if it
               is bad, or with --as if it cannot serve as images or labels)
  write-idx    --out DIR: the loaded digits as the four canonical .gz IDX files
  bench        the best pipeline on the 60,000: fit, PCA and gradient timings [--json]
  chapter-results  --out FILE: every chapter's experiment with its default settings,
               as the page shows it before a learner runs anything

data (every command that reads digits)
  --data DIR          folder with the four MNIST files or digits.png (default $MNIST_DIR)
  --pool-split F      pool train and test, split F for test (--seed S, default 42; --stratify)
  --subset N          keep a stratified N of the training digits

pipeline
  --preset NAME       raw | standard | minmax | pca30 | poly2 | best
  --scaling S         none | standard | minmax
  --pca K             PCA components (0: off)       --poly D       1 or 2
  --C C               inverse L2 strength (1.0)     --balanced     class_weight balanced
  --max-iter N        iterations (epochs)           --tol T        gradient tolerance (1e-4)
  --multi-class M     multinomial | ovr             --solver S     lbfgs | newton-cg | sag | minibatch
  --batch-size B      --learning-rate R             (mini-batch solver)
  --lbfgs-unscaled    L-BFGS as scipy steps, without centring and standardizing the
                      features in its steps (the same optimum in about twice the passes)
  --stop R            sklearn (default: max |gradient| <= tol, or max_iter) | settled (train:
                      stop once the accuracy on 2,000 held-out training digits, averaged
                      over 10 passes that moved the model, changed under 0.1 point over
                      the last 50 of them)
)";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "help")) {
    std::fputs(kUsage, stdout);
    return argc < 2 ? 1 : 0;
  }
  const std::string command = argv[1];
  try {
    if (command == "train") return digitlab::run_train(argc, argv);
    if (command == "evaluate") return digitlab::run_evaluate(argc, argv);
    if (command == "predict") return digitlab::run_predict(argc, argv);
    if (command == "export") return digitlab::run_export(argc, argv);
    if (command == "seed-table") return digitlab::run_seed_table(argc, argv);
    if (command == "inspect") return digitlab::run_inspect(argc, argv);
    if (command == "write-idx") return digitlab::run_write_idx(argc, argv);
    if (command == "bench") return digitlab::run_bench(argc, argv);
    if (command == "chapter-results") return digitlab::run_chapter_results(argc, argv);
    std::fprintf(stderr, "digitlab: unknown command '%s' (digitlab --help)\n", command.c_str());
    return 1;
  } catch (const digitlab::DataError& error) {
    std::fprintf(stderr, "digitlab %s: %s\n", command.c_str(), error.what());
    return 2;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "digitlab %s: unexpected error: %s\n", command.c_str(), error.what());
    return 3;
  }
}
