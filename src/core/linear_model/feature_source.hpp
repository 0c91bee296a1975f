// The model's input as the objective reads it: a base matrix, and the degree of the
// polynomial features made from it. Degree-2 features of 60,000 digits are 119 MB as a
// matrix (318 MB for 50 components) but only 7 MB as PCA scores, so they are never
// stored whole: the objective makes them a block at a time (quadratic_block.hpp).
//
//   FeatureSource plain = features_of(X);                              // X is the features
//   FeatureSource poly = expanded_features(Z, PolynomialFeatures(2));  // poly2(Z), per block
#pragma once

#include "core/preprocessing/polynomial_features.hpp"
#include "core/common/types.hpp"

namespace digitlab {

struct FeatureSource {
  const Matrix* base = nullptr;
  Eigen::Index feature_count = 0;  // columns after expansion
  int degree = 1;                  // 1: the base is the features; 2: its degree-2 expansion

  Eigen::Index rows() const { return base->rows(); }
};

FeatureSource features_of(const Matrix& X);
FeatureSource expanded_features(const Matrix& base, PolynomialFeatures poly);

}  // namespace digitlab
