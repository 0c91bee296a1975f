// Each feature's mean and spread, and the L-BFGS scaling made from them (LbfgsScaling,
// lbfgs.hpp). Read a block of at most 4 MB at a time, so degree-2 features are never made
// whole; degree 1 from every row, degree 2 from at most 8,192 rows spread evenly over the
// source (every ceil(n / 8192)-th row): a tenth of a pass on 60,000 digits. A
// preconditioner needs no more precision there where the features vary in most digits,
// as PCA scores and their products do; a sample of pixels misses the rarely inked ones
// (feature_spread.cpp), which degree 2 without PCA on more than 8,192 digits still does
// (the command-line tool's alone: the page refuses that size). A run shared between
// workers reads the same rows, so it takes the same steps.
//
//   const FeatureSpread spread = feature_spread(source);
//   lbfgs.set_scaling(lbfgs_scaling(spread, 10, alpha, sample_weights.sum()));
//
// Or a block at a time, where a frame waits (PipelineFitJob on the page's thread: degree
// 2 without PCA reads 1,000 digits' 308,504 features a row, about 1 s in wasm at once):
//   FeatureSpreadSum sum(source);
//   while (!sum.done()) sum.add_block();   // the same blocks: the same numbers
//   const FeatureSpread spread = sum.result();
#pragma once

#include "core/linear_model/feature_source.hpp"
#include "core/linear_model/lbfgs.hpp"

namespace digitlab {

struct FeatureSpread {
  Eigen::VectorXd mean, variance;  // per feature, over the rows read
};

FeatureSpread feature_spread(const FeatureSource& source);

// feature_spread's reading, resumable. The source's base must outlive it.
class FeatureSpreadSum {
 public:
  explicit FeatureSpreadSum(const FeatureSource& source);
  bool done() const { return row_ >= source_.rows(); }
  void add_block();  // the next block of rows (none once done())
  double fraction() const;  // of the rows to read, read
  FeatureSpread result() const;  // over the rows read so far

 private:
  FeatureSource source_;
  Eigen::Index stride_ = 1, block_rows_ = 1, row_ = 0, used_ = 0;
  PolynomialFeatures poly_;
  Matrix picked_, block_;
  Eigen::VectorXd sum_, squares_;
};

// The scaling for a problem of `outputs` columns of weights (1: a sigmoid; more: a
// softmax) whose penalty is alpha ||W||^2 / 2 over samples weighing `total_weight`.
// Each weight's curvature at the start (every class equally likely, p = 1 / K) is about
// p (1 - p) total_weight variance_j + alpha, so the spread used is
// sqrt(variance_j + alpha / (p (1 - p) total_weight)): where the penalty outweighs the
// data (a pixel inked in a handful of digits), it, not the tiny spread, sets the step.
LbfgsScaling lbfgs_scaling(const FeatureSpread& spread, int outputs, double alpha, double total_weight);

}  // namespace digitlab
