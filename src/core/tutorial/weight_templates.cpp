#include "core/tutorial/weight_templates.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace digitlab {

PixelWeights pixel_space_weights(const Pipeline& pipeline) {
  assert(pipeline.fitted() && "pixel_space_weights: fit the pipeline first");
  const Eigen::MatrixXd& coef = pipeline.model().coef();  // features x outputs
  const auto& pca = pipeline.pca();
  const int base = pca ? pca->n_components() : pipeline.input_features();
  PixelWeights out;
  // Polynomial features start with the degree-1 terms, one per base feature.
  const Eigen::MatrixXd linear = coef.topRows(base);
  out.exact = pipeline.settings().poly_degree == 1;
  out.weights = pca ? Eigen::MatrixXd(pca->components().cast<double>().transpose() * linear) : linear;
  if (const auto& s = pipeline.standard_scaler()) {
    out.weights.array().colwise() /= s->scale().cast<double>().array();
  } else if (const auto& m = pipeline.minmax_scaler()) {
    out.weights.array().colwise() /= m->data_range().cast<double>().array();
  }
  out.note = pixel_weights_note(pca ? base : 0, pipeline.settings().poly_degree, pipeline.settings().scaling);
  return out;
}

std::string pixel_weights_note(int pca_components, int poly_degree, Scaling scaling) {
  return std::string(poly_degree == 1 ? "every weight" : "the degree-1 weights only (products of two components have "
                                                         "no single-pixel weight)") +
         (pca_components > 0 ? ", through the " + std::to_string(pca_components) + " principal components" : "") +
         (scaling != Scaling::None ? ", per raw pixel (scaling undone)" : "");
}

WeightPictures weight_pictures(const Eigen::MatrixXd& weights) {
  WeightPictures out;
  out.values.resize(weights.rows(), weights.cols());
  for (Eigen::Index k = 0; k < weights.cols(); ++k) {
    const Eigen::VectorXf col = weights.col(k).cast<float>();
    std::vector<float> magnitudes(col.data(), col.data() + col.size());
    for (float& v : magnitudes) v = std::abs(v);
    const float largest = magnitudes.empty() ? 0.0f : *std::max_element(magnitudes.begin(), magnitudes.end());
    float m = 1e-12f;
    if (!magnitudes.empty()) {
      const std::size_t q = magnitudes.size() * 99 / 100;
      std::nth_element(magnitudes.begin(), magnitudes.begin() + static_cast<std::ptrdiff_t>(q), magnitudes.end());
      m = std::max(magnitudes[q], 1e-12f);
    }
    out.values.col(k) = (col / m).cwiseMax(-1.0f).cwiseMin(1.0f);
    out.scale.push_back(m);
    out.max_abs.push_back(largest);
  }
  return out;
}

}  // namespace digitlab
