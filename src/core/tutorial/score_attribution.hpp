// Why the model answered k rather than j for one image: every pixel's share of the score
// difference s = z_k - z_j (the two classes' decision scores, before softmax or sigmoid).
//
// For the pipelines here s is a quadratic function of the pixels (scaling and PCA are
// affine, the polynomial features are at most products of two), and for any quadratic
//   s(x) - s(x0) = sum_i (x_i - x0_i) * ds/dx_i evaluated at (x + x0) / 2
// exactly (the midpoint rule is exact for a linear gradient), so the map sums to the
// change of the score difference from the baseline x0 to the image x, to rounding.
//
//   ScoreAttribution a = explain_scores(pipeline, digit, empty_image, predicted, runner_up);
//   a.per_pixel.sum() == a.difference - a.baseline_difference   // to ~1e-12 relative
#pragma once

#include <functional>

#include <Eigen/Dense>

#include "core/linear_model/pipeline.hpp"

namespace digitlab {

struct ScoreAttribution {
  Eigen::VectorXd per_pixel;         // one share per input pixel; > 0 pushed toward k
  double difference = 0;             // s(x) = z_k(x) - z_j(x)
  double baseline_difference = 0;    // s(x0)
};

// The midpoint rule for any function given by its gradient: (x - x0) * grad((x + x0) / 2)
// element by element. Exact for quadratics; the pipeline's case below uses it.
Eigen::VectorXd midpoint_attribution(const std::function<Eigen::VectorXd(const Eigen::VectorXd&)>& gradient,
                                     const Eigen::VectorXd& x, const Eigen::VectorXd& x0);

// The pipeline's score difference z_k - z_j at raw pixels x (0..255), in double.
double score_difference(const Pipeline& pipeline, const Eigen::VectorXd& x, int k, int j);
// Its gradient with respect to the raw pixels.
Eigen::VectorXd score_difference_gradient(const Pipeline& pipeline, const Eigen::VectorXd& x, int k, int j);

// The map for image x against baseline x0 (the empty image or the mean digit). The
// pipeline must be fitted with at least two outputs and k, j among its classes.
ScoreAttribution explain_scores(const Pipeline& pipeline, const Eigen::RowVectorXf& x,
                                const Eigen::RowVectorXf& x0, int k, int j);

}  // namespace digitlab
