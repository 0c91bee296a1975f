// What a training request will need, worked out before it starts: the feature and
// weight counts, the memory for the stored features, the weights, the solver's history
// and one block of features, and the time of one pass. The page and the command-line
// tool refuse a request that cannot fit (with what it would need and what to change)
// and warn about one that will be slow, instead of failing inside a frame or a run.
//
//   TrainingEstimate e = estimate_training(settings, 60000, 784, 10, page_limits);
//   if (!e.refusal.empty()) show_error(e.refusal);   // nothing started
//   else if (!e.warning.empty()) show(e.warning);   // started, and said so
//
// The figures are upper estimates from the sizes the core allocates (LogisticObjective,
// LbfgsMinimizer, PipelineFitJob) and from a low estimate of each build's speed.
#pragma once

#include <string>

#include "core/linear_model/pipeline.hpp"

namespace digitlab {

struct ResourceLimits {
  double memory_bytes = 0;        // what one training run may allocate
  std::string memory_name;        // "the page's 1 GB for training"
  double flops_per_second = 0;    // a low estimate of the gradient pass's speed
  double uncached_slowdown = 1;   // how much slower when the weights outgrow the cache (> 4 MB)
  double dense_flops_per_second = 0;  // the same for the PCA eigen step (plain Eigen)
  double max_step_seconds = 0;    // a step that cannot be split may take at most this (0: no limit)
  double slow_seconds = 0;        // warn when max_iter passes would take longer
};

struct TrainingEstimate {
  long long features = 0;         // model inputs after scaling, PCA and polynomial features
  long long weights = 0;          // model parameters (weights and intercepts)
  double memory_bytes = 0;        // the largest the run holds at once
  double pass_flops = 0;          // the flops of that pass (4 a feature, output and row)
  double pass_seconds = 0;        // one loss-and-gradient pass over every row (all problems)
  double max_seconds = 0;         // preprocessing plus max_iter passes
  double longest_step_seconds = 0;  // the PCA eigen step, which runs whole
  std::string refusal;            // not empty: do not start; what it needs and what to change
  std::string warning;            // not empty: it will be slow; by how much
  // Not empty: a run on the page's own thread will hold its frames (a block of rows, or
  // the PCA eigen step, is more than a frame); in a Web Worker the page is not held.
  std::string stutter;
  std::string summary() const;    // "495 features, 4,960 weights, about 140 MB, 0.1 s a pass"
};

// What the page gives one training run: 1 GB (a school tablet's tab gets little more,
// and the wasm heap is 4 GB at most), a pass speed, at most 1 s for a step that cannot be
// split (a 100-component PCA step took 100 ms: 2 GFLOP/s), and a warning past 15 minutes.
// The pass speed is `measured` (flops a second of wall time), the last Train run's on this
// device, once there is one; before that a low guess of 10 GFLOP/s: one worker on the
// bench's 2-core machine ran PCA 30 + degree 2 at 21-31, raw pixels at 26 (wasm under node,
// 60,000 digits), and a phone or a school tablet is slower.
// In the program built without WebAssembly SIMD (for browsers that lack it) the guess is
// at its own speed: measured with bench (node, 60,000 digits), a gradient pass took
// 343 ms against 32 ms with SIMD, the PCA fit 11.0 s against 1.6 s.
ResourceLimits page_training_limits(double measured_flops_per_second = 0);
constexpr double kNoSimdPassSlowdown = 10;
constexpr double kNoSimdDenseSlowdown = 7;

TrainingEstimate estimate_training(const PipelineSettings& settings, long long rows, int pixels, int n_classes,
                                   const ResourceLimits& limits);

// "1.1 GB", "340 MB", "12 KB"
std::string format_bytes(double bytes);
// "40 s", "12 minutes", "3.5 hours"
std::string format_duration(double seconds);

}  // namespace digitlab
