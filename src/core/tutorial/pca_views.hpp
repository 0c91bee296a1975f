// Looking inside a fitted PCA the way the PCA chapter does: reconstructions from only
// the first k components (a slider over one fit), and the cumulative explained variance.
//
//   PCA pca(100);  pca.fit(X);
//   Matrix R = reconstruct_with(pca, X.topRows(6), 20);   // as if PCA(20) had been fitted
//   cumulative_explained(pca)(19);                        // share of variance in 20 components
#pragma once

#include "core/preprocessing/pca.hpp"

namespace digitlab {

// mean + sum over the first k components of ((x - mean) . c) c; k in 0..n_components.
// The components are ordered by variance, so this equals a fit with k components.
Matrix reconstruct_with(const PCA& pca, const Matrix& X, int k);

// Running sum of explained_variance_ratio(): entry i is the share of the first i + 1.
Eigen::VectorXd cumulative_explained(const PCA& pca);

}  // namespace digitlab
