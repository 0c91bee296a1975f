// The model's input as the objective reads it: a base matrix, and optionally a map
// that expands a block of base rows into the model's features. Degree-2 features of
// 60,000 digits are 119 MB as a matrix (318 MB for 50 components) but only 7 MB as PCA
// scores; expanding them a block at a time, while the block is in cache, also saves
// reading the big matrix from memory on every pass.
//
//   FeatureSource plain = features_of(X);                       // X is the features
//   FeatureSource poly = expanded_features(Z, PolynomialFeatures(2));  // poly2(Z), per block
#pragma once

#include <functional>

#include "polynomial_features.hpp"
#include "types.hpp"

namespace digitlab {

struct FeatureSource {
  const Matrix* base = nullptr;
  Eigen::Index feature_count = 0;  // columns after expansion
  // Writes the features of `base_rows` into `out` (rows x feature_count); empty when
  // the base is the features.
  std::function<void(const Eigen::Ref<const Matrix>& base_rows, Eigen::Ref<Matrix> out)> expand;

  Eigen::Index rows() const { return base->rows(); }
};

FeatureSource features_of(const Matrix& X);
FeatureSource expanded_features(const Matrix& base, PolynomialFeatures poly);

}  // namespace digitlab
