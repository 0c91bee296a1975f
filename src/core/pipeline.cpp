#include "pipeline.hpp"

namespace digitlab {

const char* to_string(Scaling scaling) {
  switch (scaling) {
    case Scaling::None: return "none";
    case Scaling::Standard: return "standard";
    case Scaling::MinMax: return "minmax";
  }
  return "";
}

Scaling parse_scaling(const std::string& name) {
  if (name == "none") return Scaling::None;
  if (name == "standard") return Scaling::Standard;
  if (name == "minmax") return Scaling::MinMax;
  throw DataError("unknown scaling '" + name + "' (none, standard or minmax)");
}

std::string describe(const PipelineSettings& s) {
  std::string text = s.scaling == Scaling::None ? "raw pixels"
                     : s.scaling == Scaling::Standard ? "StandardScaler" : "MinMaxScaler";
  if (s.pca_components > 0) text += " + PCA" + std::to_string(s.pca_components);
  if (s.poly_degree > 1) text += " + poly" + std::to_string(s.poly_degree);
  return text;
}

Matrix Pipeline::scale(const Matrix& X) const {
  if (standard_) return standard_->transform(X);
  if (minmax_) return minmax_->transform(X);
  return X;
}

Matrix Pipeline::fit_preprocessing(const Matrix& X) {
  standard_.reset();
  minmax_.reset();
  pca_.reset();
  model_ = LogisticRegression(settings_.model);
  input_features_ = static_cast<int>(X.cols());
  if (settings_.poly_degree < 1 || settings_.poly_degree > 2)
    throw DataError("polynomial degree must be 1 or 2");
  if (settings_.scaling == Scaling::Standard) standard_.emplace().fit(X);
  if (settings_.scaling == Scaling::MinMax) minmax_.emplace().fit(X);
  Matrix Z = scale(X);
  if (settings_.pca_components > 0) {
    pca_.emplace(settings_.pca_components).fit(Z);
    Z = pca_->transform(Z);
  }
  if (settings_.poly_degree > 1) Z = PolynomialFeatures(settings_.poly_degree).transform(Z);
  return Z;
}

Matrix Pipeline::features(const Matrix& X) const {
  if (input_features_ == 0) throw DataError("Pipeline: transform before fit");
  if (X.cols() != input_features_)
    throw DataError("Pipeline: expected " + std::to_string(input_features_) + " pixels per image, got " +
                    std::to_string(X.cols()));
  Matrix Z = scale(X);
  if (pca_) Z = pca_->transform(Z);
  if (settings_.poly_degree > 1) Z = PolynomialFeatures(settings_.poly_degree).transform(Z);
  return Z;
}

Pipeline& Pipeline::fit(const Matrix& X, const Labels& y) {
  Matrix Z = fit_preprocessing(X);
  model_.fit(Z, y);
  return *this;
}

Eigen::MatrixXf Pipeline::decision_function(const Matrix& X) const { return model_.decision_function(features(X)); }
Eigen::MatrixXf Pipeline::predict_proba(const Matrix& X) const { return model_.predict_proba(features(X)); }
Labels Pipeline::predict(const Matrix& X) const { return model_.predict(features(X)); }

void Pipeline::restore(PipelineSettings settings, int input_features, std::optional<StandardScaler> standard,
                       std::optional<MinMaxScaler> minmax, std::optional<PCA> pca, LogisticRegression model) {
  settings_ = settings;
  input_features_ = input_features;
  standard_ = std::move(standard);
  minmax_ = std::move(minmax);
  pca_ = std::move(pca);
  model_ = std::move(model);
}

}  // namespace digitlab
