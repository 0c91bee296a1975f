#include "core/linear_model/feature_source.hpp"

namespace digitlab {

FeatureSource features_of(const Matrix& X) { return {&X, X.cols(), 1}; }

FeatureSource expanded_features(const Matrix& base, PolynomialFeatures poly) {
  if (poly.degree() == 1) return features_of(base);
  return {&base, PolynomialFeatures::output_count(static_cast<int>(base.cols()), poly.degree()), poly.degree()};
}

}  // namespace digitlab
