// A fitted pipeline's class weights carried back to pixels, for pictures of what each
// class's score looks for ("weight templates"): z_k = sum_p w_pk * pixel_p + b_k'.
//
// Scaling is a per-pixel affine map, so a scaled weight w becomes w / scale on the raw
// pixel (the shift only moves the bias). PCA is linear too: features = (x - mean) C^T,
// so a weight vector v on components is C^T v on pixels. Degree-2 polynomial features
// are products of two components and have no single-pixel weight; only their degree-1
// part is carried back, and the result says so (exact = false).
//
//   PixelWeights w = pixel_space_weights(pipeline);
//   w.weights.col(3);   // 784 values: positive where ink raises the score of "3"
//   WeightPictures p = weight_pictures(w.weights);  // each column on its own scale, -1..1
#pragma once

#include <string>
#include <vector>

#include "core/linear_model/pipeline.hpp"

namespace digitlab {

struct PixelWeights {
  Eigen::MatrixXd weights;  // input pixels x model outputs
  bool exact = true;        // false when polynomial terms were left out
  std::string note;         // what was carried back, in a sentence
};

// Requires a fitted pipeline.
PixelWeights pixel_space_weights(const Pipeline& pipeline);

// What pixel_space_weights carried back, in a sentence (PixelWeights::note).
std::string pixel_weights_note(int pca_components, int poly_degree, Scaling scaling);

// The weights as the page paints them: each output's column divided by the 99th
// percentile of its |w| and clipped to -1..1. A pixel almost never inked has a tiny
// range, so undoing the scaling gives it a huge weight that would wash out the rest of
// the picture at full scale; on its own 99th-percentile scale the strongest 1% saturate.
struct WeightPictures {
  Eigen::MatrixXf values;     // pixels x outputs, each in -1..1
  std::vector<float> scale;   // per output: the 99th percentile of |w| (> 0)
  std::vector<float> max_abs; // per output: the largest |w|
};
WeightPictures weight_pictures(const Eigen::MatrixXd& weights);

}  // namespace digitlab
