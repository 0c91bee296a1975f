#include "core/tutorial/pca_views.hpp"

#include <cassert>

namespace digitlab {

Matrix reconstruct_with(const PCA& pca, const Matrix& X, int k) {
  assert(pca.fitted() && k >= 0 && k <= pca.n_components() && "reconstruct_with: k must be 0..n_components");
  if (X.cols() != pca.mean().size()) throw DataError("reconstruct_with: feature count differs from the fit");
  const auto C = pca.components().topRows(k);  // k x d
  const Matrix centred = X.rowwise() - pca.mean().transpose();
  Matrix out = (centred * C.transpose()) * C;
  out.rowwise() += pca.mean().transpose();
  return out;
}

Eigen::VectorXd cumulative_explained(const PCA& pca) {
  const Eigen::VectorXd ratio = pca.explained_variance_ratio();
  Eigen::VectorXd out(ratio.size());
  double sum = 0;
  for (Eigen::Index i = 0; i < ratio.size(); ++i) out(i) = sum += ratio(i);
  return out;
}

}  // namespace digitlab
