#include "core/linear_model/training_estimate.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "core/data/data_dir.hpp"
#include "core/linear_model/lbfgs.hpp"

namespace digitlab {

namespace {

// Vectors of one problem's parameter count that its solver keeps: L-BFGS its pairs
// (s, y; lbfgs_memory) plus x, g, the trial point, the direction, the line search's best
// gradient and the trainer's gradient (lbfgs.hpp); mini-batch descent theta, velocity,
// the best point and two gradients (minibatch_descent.cpp).
double lbfgs_vectors(double parameters) { return 2.0 * lbfgs_memory(static_cast<Eigen::Index>(parameters)) + 6; }
constexpr double kMiniBatchVectors = 5;
// Newton-CG: x, g, the trial point, CG's solution, residual and direction, the line
// search's direction and the trainer's gradient (newton_cg.hpp); the objective also
// keeps every row's probabilities (n x outputs floats) for the Hessian passes.
constexpr double kNewtonCgVectors = 8;
// Newton-CG's passes per Newton iteration (a gradient pass and the CG steps' Hessian
// passes): its whole run takes about as many passes as L-BFGS's (test_newton_cg.cpp
// and bench/), in fewer iterations; a bound per iteration for max_iter's time.
constexpr double kNewtonPassesPerIteration = 20;
// SAG: W, the epoch's start, the sum of gradients, theta, the best point and a gradient
// (sag_descent.hpp), plus every row's residuals (n x outputs doubles).
constexpr double kSagVectors = 6;
// An SAG epoch visits every row on its own (no blocked products), then one pass measures
// the loss: measured natively at about 10 passes' time (MinMax, 5,000 digits, 19 ms an
// epoch against 1.5 ms a pass).
constexpr double kSagPassesPerEpoch = 11;
// Bytes per parameter the objective keeps besides: W and its float gradient sums, the
// double gradient, and the wasm kernels' row-major copies (logistic_objective.hpp).
constexpr double kObjectiveBytesPerWeight = 4 + 4 + 8 + 4 + 4;
// Copies of the finished weights alive at once: the trainer's model, the pipeline
// handed out, the page's own (doubles).
constexpr double kModelCopies = 3;
// L-BFGS evaluates the loss 1.08-1.18 times per iteration on these problems (the bench
// with the features' spreads: 376 iterations took 407 passes natively, 369 took 435 in
// wasm and 384 took 449 with relaxed SIMD; 848 took 927 without); a small margin on top.
constexpr double kPassesPerIteration = 1.2;
// Weights of more than 4 MB (float32) leave the cache between rows, and the products
// wait on memory (ResourceLimits::uncached_slowdown).
constexpr double kCachedWeightBytes = 4 << 20;

// The PCA eigen step that runs whole (top_eigen.cpp): a dense eigensolver on the
// d x d covariance when the subspace is large, else Rayleigh-Ritz on m = k + max(10,
// k/2) columns. Flop counts of Golub and Van Loan's symmetric QR (about 9 n^3 with
// vectors) and of the products around it.
double eigen_step_flops(double d, double k) {
  const double m = std::min(d, k + std::max(10.0, std::floor(k / 2)));
  if (3 * m >= d || d <= 64) return 9 * d * d * d;
  return 9 * m * m * m + 10 * d * m * m;
}

std::string thousands(long long value) { return with_thousands(value); }

std::string weights_text(long long weights) {
  if (weights < 1000000) return thousands(weights);
  char text[48];
  std::snprintf(text, sizeof text, "%.1f million", static_cast<double>(weights) / 1e6);
  return text;
}

}  // namespace

std::string format_bytes(double bytes) {
  char text[32];
  if (bytes >= 0.95 * (1u << 30)) std::snprintf(text, sizeof text, "%.1f GB", bytes / (1u << 30));
  else if (bytes >= 1 << 20) std::snprintf(text, sizeof text, "%.0f MB", bytes / (1 << 20));
  else std::snprintf(text, sizeof text, "%.0f KB", std::max(1.0, bytes / 1024));
  return text;
}

std::string format_duration(double seconds) {
  char text[32];
  if (seconds < 0.1) std::snprintf(text, sizeof text, "%.0f ms", seconds * 1000);
  else if (seconds < 90) std::snprintf(text, sizeof text, "%.1f s", seconds);
  else if (seconds < 5400) std::snprintf(text, sizeof text, "%.0f minutes", seconds / 60);
  else std::snprintf(text, sizeof text, "%.1f hours", seconds / 3600);
  return text;
}

std::string TrainingEstimate::summary() const {
  return thousands(features) + " features, " + weights_text(weights) + " weights, about " + format_bytes(memory_bytes) +
         ", " + format_duration(pass_seconds) + " a pass";
}

ResourceLimits page_training_limits(double measured_flops_per_second) {
  ResourceLimits limits;
  limits.memory_bytes = 1u << 30;
  limits.memory_name = "the page's 1 GB for training";
  limits.flops_per_second = 10e9;
  // Degree 2 without PCA (weights past the cache), measured under node on 2026-12-03:
  // 0.54 s a pass on 1,000 digits (23 GFLOP/s) against 31 GFLOP/s for PCA 30 + degree 2's
  // gradient pass (bench/run.sh): 1.4x slower.
  limits.uncached_slowdown = 1.4;
  limits.dense_flops_per_second = 2e9;
#if defined(__wasm32__) && !defined(__wasm_simd128__)  // the kernels' plain loops (CMake DIGITLAB_WASM_SIMD=OFF)
  limits.flops_per_second /= kNoSimdPassSlowdown;
  limits.dense_flops_per_second /= kNoSimdDenseSlowdown;
#endif
  if (measured_flops_per_second > 0) limits.flops_per_second = measured_flops_per_second;  // already this program's
  limits.max_step_seconds = 1.0;
  limits.slow_seconds = 15 * 60;
  return limits;
}

TrainingEstimate estimate_training(const PipelineSettings& settings, long long rows, int pixels, int n_classes,
                                   const ResourceLimits& limits) {
  TrainingEstimate e;
  const double n = static_cast<double>(std::max(1LL, rows));
  const double d = std::max(1, pixels);
  const bool pca = settings.pca_components > 0;
  const long long base = pca ? std::min(settings.pca_components, pixels) : pixels;
  e.features = settings.poly_degree == 2 ? base + base * (base + 1) / 2 : base;
  const bool multinomial = settings.model.multi_class == MultiClass::Multinomial && n_classes > 2;
  const long long outputs = multinomial ? n_classes : 1;              // per problem
  const long long problems = multinomial || n_classes <= 2 ? 1 : n_classes;
  const double per_problem = static_cast<double>(e.features + 1) * static_cast<double>(outputs);
  e.weights = (e.features + 1) * outputs * problems;
  const bool lbfgs = settings.model.solver == Solver::Lbfgs;
  const bool newton = settings.model.solver == Solver::NewtonCg;
  const bool sag = settings.model.solver == Solver::Sag;

  // Memory: the stored base features, the PCA's d x d matrices, every problem's solver
  // and objective (one-vs-rest builds them all at the start), one block of expanded
  // features, and the copies of the finished weights.
  const double F = static_cast<double>(e.features);
  const double block_rows = std::min(n, std::max(128.0, std::floor(131072 / std::max(1.0, F) / 128) * 128));
  const double stored = n * static_cast<double>(base) * 4;
  const double pca_bytes = pca ? 3 * d * d * 8 : 0;
  const double solver =
      per_problem * 8 * (lbfgs ? lbfgs_vectors(per_problem) : newton ? kNewtonCgVectors : sag ? kSagVectors : kMiniBatchVectors) +
      per_problem * kObjectiveBytesPerWeight + n * 8 + (newton ? n * static_cast<double>(outputs) * 4 : 0) +
      (sag ? n * static_cast<double>(outputs) * 8 : 0);
  const double block = block_rows * (F + 2 * static_cast<double>(outputs)) * 4;
  e.memory_bytes = stored + pca_bytes + static_cast<double>(problems) * solver + block +
                   kModelCopies * static_cast<double>(e.weights) * 8;

  // Time: two products per pass (scores, then the gradient), 2 flops a multiply-add.
  const double pass_flops = 4 * n * F * static_cast<double>(outputs) * static_cast<double>(problems);
  const double pca_flops = pca ? 2 * n * d * d + 2 * n * d * static_cast<double>(base) : 0;
  const double speed =
      limits.flops_per_second / (per_problem * 4 > kCachedWeightBytes ? std::max(1.0, limits.uncached_slowdown) : 1);
  e.pass_flops = pass_flops;
  e.pass_seconds = pass_flops / speed;
  e.longest_step_seconds = pca ? eigen_step_flops(d, static_cast<double>(base)) / limits.dense_flops_per_second : 0;
  e.max_seconds = e.pass_seconds * std::max(1, settings.model.max_iter) *
                      (lbfgs ? kPassesPerIteration : newton ? kNewtonPassesPerIteration : sag ? kSagPassesPerEpoch : 1.0) +
                  pca_flops / limits.dense_flops_per_second + 20 * e.longest_step_seconds;

  const std::string what = settings.poly_degree == 2
                               ? "degree 2 on " + thousands(base) + (pca ? " PCA components" : " pixels") + " makes " +
                                     thousands(e.features) + " features"
                               : thousands(e.features) + " features";
  if (e.memory_bytes > limits.memory_bytes) {
    std::string advice;
    if (settings.poly_degree == 2 && base > 100)
      advice = pca ? "use fewer PCA components (30 make 495 features), or degree 1"
                   : "turn PCA on (30 components make 495 features), or use degree 1";
    else if (problems > 1 && static_cast<double>(problems) * solver > stored)
      advice = "use multinomial (one model for all classes instead of one per class), or fewer features";
    else if (stored > 0.5 * e.memory_bytes)
      advice = "train on fewer digits";
    else
      advice = "use fewer features";
    e.refusal = what + " and " + weights_text(e.weights) + " weights: about " + format_bytes(e.memory_bytes) + " with " +
                (lbfgs ? "L-BFGS" : newton ? "Newton-CG" : sag ? "SAG" : "mini-batch descent") + " on " + thousands(rows) + " digits, more than " +
                limits.memory_name + ". " + std::string(1, static_cast<char>(std::toupper(advice[0]))) +
                advice.substr(1) + ".";
    return e;
  }
  if (limits.max_step_seconds > 0 && e.longest_step_seconds > limits.max_step_seconds) {
    int most = 1;
    for (int k = 1; k <= pixels; ++k)
      if (eigen_step_flops(d, k) / limits.dense_flops_per_second <= limits.max_step_seconds) most = k;
    e.refusal = "PCA with " + thousands(base) + " components of " + thousands(pixels) +
                " pixels needs an eigen step of about " + format_duration(e.longest_step_seconds) +
                " that cannot be split into frames: the page would freeze. Use at most " + std::to_string(most) +
                " components here, or the command-line tool (digitlab train --pca " + thousands(base) + ").";
    return e;
  }
  if (limits.slow_seconds > 0 && e.max_seconds > limits.slow_seconds)
    e.warning = what + ": " + format_duration(e.pass_seconds) + " a pass, so up to about " +
                format_duration(e.max_seconds) + " at max_iter " + std::to_string(settings.model.max_iter) +
                " (it stops sooner if it converges).";
  // A block of rows is the smallest slice of a pass (the kernels' 128-row panels): in
  // the page, a frame holds at least one.
  const double block_seconds = 4 * block_rows * F * static_cast<double>(outputs) / speed;
  if (limits.max_step_seconds > 0 && block_seconds > 0.1)
    e.stutter = "The page answers slowly while it trains: each block of " +
                 std::to_string(static_cast<int>(block_rows)) + " digits takes about " +
                 format_duration(block_seconds) + ".";
  else if (limits.max_step_seconds > 0 && e.longest_step_seconds > limits.max_step_seconds / 4)
    e.stutter = "PCA with " + thousands(base) + " components: the page pauses about " +
                format_duration(e.longest_step_seconds) + " at each eigen step.";
  return e;
}

}  // namespace digitlab
