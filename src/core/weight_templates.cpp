#include "weight_templates.hpp"

#include <cassert>

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
  out.note = std::string(out.exact ? "every weight" : "the degree-1 weights only (products of two components have no "
                                                      "single-pixel weight)") +
             (pca ? ", through the " + std::to_string(base) + " principal components" : "") +
             (pipeline.settings().scaling != Scaling::None ? ", per raw pixel (scaling undone)" : "");
  return out;
}

}  // namespace digitlab
