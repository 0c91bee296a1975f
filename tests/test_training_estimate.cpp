// The checks every training request passes before it starts (training_estimate.hpp).
#include <catch2/catch.hpp>

#include "core/linear_model/training_estimate.hpp"

using namespace digitlab;

namespace {

PipelineSettings pipeline(int pca, int degree, MultiClass multi_class = MultiClass::Multinomial) {
  PipelineSettings s;
  s.scaling = Scaling::MinMax;
  s.pca_components = pca;
  s.poly_degree = degree;
  s.model.multi_class = multi_class;
  s.model.max_iter = 1000;
  return s;
}

// The page's speeds before any run (training_estimate.hpp): a guess of 10 GFLOP/s a pass,
// 2 GFLOP/s for the dense eigen step; the wasm program built without SIMD divides them by
// its own slowdowns.
#if defined(__wasm32__) && !defined(__wasm_simd128__)
constexpr bool kSimdKernels = false;
constexpr double kPassRate = 10e9 / kNoSimdPassSlowdown, kDenseRate = 2e9 / kNoSimdDenseSlowdown;
#else
constexpr bool kSimdKernels = true;
constexpr double kPassRate = 10e9, kDenseRate = 2e9;
#endif

}  // namespace

// Feature counts: PolynomialFeatures(2, include_bias=False) of m inputs gives
// m + m(m+1)/2 columns (scikit-learn's n_output_features_: 495 for 30, worked by hand
// for the others: 784 + 307,720 and 300 + 45,150).
TEST_CASE("feature and weight counts of the tutorial's pipelines", "[estimate]") {
  const ResourceLimits page = page_training_limits();
  const TrainingEstimate best = estimate_training(pipeline(30, 2), 60000, 784, 10, page);
  CHECK(best.features == 495);
  CHECK(best.weights == 496 * 10);
  CHECK(best.refusal.empty());
  // At a tenth of the speed, up to 1,000 passes of 1.2 s are past the 15 minutes that warn.
  CHECK(best.warning.empty() == kSimdKernels);
  // 4 multiply-adds' flops per feature, output and row at the page's 10 GFLOP/s.
  CHECK(best.pass_flops == Approx(4.0 * 60000 * 495 * 10));
  CHECK(best.pass_seconds == Approx(4.0 * 60000 * 495 * 10 / kPassRate));

  // Once a run here has measured the device (flops a second of wall time), its speed:
  // 30 GFLOP/s makes the same pass 39.6 ms, and the 15 minutes are far (no-SIMD included).
  const TrainingEstimate measured = estimate_training(pipeline(30, 2), 60000, 784, 10, page_training_limits(30e9));
  CHECK(measured.pass_seconds == Approx(4.0 * 60000 * 495 * 10 / 30e9));
  CHECK(measured.pass_seconds == Approx(0.0396));
  CHECK(measured.warning.empty());

  const TrainingEstimate raw = estimate_training(pipeline(0, 1), 60000, 784, 10, page);
  CHECK(raw.features == 784);
  // The stored features alone: 60,000 x 784 float32 = 188 MB; the estimate holds them.
  CHECK(raw.memory_bytes > 60000.0 * 784 * 4);
  CHECK(raw.memory_bytes < 300e6);

  const TrainingEstimate ovr = estimate_training(pipeline(300, 2, MultiClass::OneVsRest), 10000, 784, 10, page);
  CHECK(ovr.features == 45450);
  CHECK(ovr.weights == 45451 * 10);  // one sigmoid per class, each with its intercept
}

TEST_CASE("degree 2 without PCA is refused on 60,000 digits with what it needs and what to change", "[estimate]") {
  const ResourceLimits page = page_training_limits();
  const TrainingEstimate e = estimate_training(pipeline(0, 2), 60000, 784, 10, page);
  CHECK(e.features == 308504);
  CHECK(e.weights == 308505LL * 10);
  // L-BFGS keeps 20 history vectors of 3.1 million doubles: 494 MB before anything else.
  CHECK(e.memory_bytes > 20 * 3085050.0 * 8);
  CHECK(e.memory_bytes > page.memory_bytes);
  CHECK_THAT(e.refusal, Catch::Contains("degree 2 on 784 pixels makes 308,504 features") &&
                            Catch::Contains("3.1 million weights") && Catch::Contains("1 GB") &&
                            Catch::Contains("Turn PCA on"));

  // On 1,000 digits it fits, and says how slow it will be.
  const TrainingEstimate small = estimate_training(pipeline(0, 2), 1000, 784, 10, page);
  CHECK(small.refusal.empty());
  CHECK_THAT(small.warning, Catch::Contains("a pass") && Catch::Contains("it stops sooner if it converges"));
  // A block of 128 digits is 128 x 308,504 x 10 x 4 flops, far more than a frame at the
  // page's speed: said apart, for a run on the page's own thread only.
  CHECK_THAT(small.stutter, Catch::Contains("The page answers slowly while it trains: each block of 128 digits"));
  CHECK_THAT(small.warning, !Catch::Contains("answers slowly"));
  CHECK(estimate_training(pipeline(30, 2), 1000, 784, 10, page).stutter.empty());

  // The same on a machine with 64 GB: the command line may run it.
  ResourceLimits big = page;
  big.memory_bytes = 64.0 * (1u << 30);
  CHECK(estimate_training(pipeline(0, 2), 60000, 784, 10, big).refusal.empty());
}

TEST_CASE("a PCA whose eigen step cannot be split is refused in the page, not on the command line", "[estimate]") {
  const ResourceLimits page = page_training_limits();
  // 784 components: a dense eigensolver on the 784 x 784 covariance, about 9 * 784^3
  // flops (4.3 GFLOP), 2 s at the page's 2 GFLOP/s.
  const TrainingEstimate e = estimate_training(pipeline(784, 1), 10000, 784, 10, page);
  CHECK(e.longest_step_seconds == Approx(9.0 * 784 * 784 * 784 / kDenseRate));
  CHECK_THAT(e.refusal, Catch::Contains("eigen step") && Catch::Contains("Use at most"));
  // The README's 100-component step (100 ms in wasm) passes.
  CHECK(estimate_training(pipeline(100, 2), 10000, 784, 10, page).refusal.empty());
  ResourceLimits terminal = page;
  terminal.max_step_seconds = 0;
  CHECK(estimate_training(pipeline(784, 1), 10000, 784, 10, terminal).refusal.empty());
}

TEST_CASE("sizes read as a person writes them", "[estimate]") {
  CHECK(format_bytes(1.5 * (1u << 30)) == "1.5 GB");
  CHECK(format_bytes(340.0 * (1 << 20)) == "340 MB");
  CHECK(format_bytes(12 * 1024) == "12 KB");
  CHECK(format_duration(0.05) == "50 ms");
  CHECK(format_duration(40) == "40.0 s");
  CHECK(format_duration(12 * 60) == "12 minutes");
  CHECK(format_duration(3.5 * 3600) == "3.5 hours");
}
