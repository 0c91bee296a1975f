#include "core/linear_model/pipeline.hpp"

#include "core/jobs/pipeline_fit_job.hpp"
#include "core/data/row_source.hpp"
#include "core/linear_model/setting_names.hpp"

namespace digitlab {

std::string describe(const PipelineSettings& s) {
  std::string text = s.scaling == Scaling::None ? "raw pixels"
                     : s.scaling == Scaling::Standard ? "StandardScaler" : "MinMaxScaler";
  if (s.pca_components > 0) text += " + PCA" + std::to_string(s.pca_components);
  if (s.poly_degree > 1) text += " + poly" + std::to_string(s.poly_degree);
  return text;
}

std::string check_settings(const PipelineSettings& s, int input_features) {
  if (s.pca_components < 0 || s.pca_components > input_features)
    return "PCA components must be 0 (off) to " + std::to_string(input_features);
  if (s.poly_degree < 1 || s.poly_degree > 2) return "polynomial degree must be 1 or 2";
  return check_settings(s.model);
}

int Pipeline::base_count() const { return pca_ ? pca_->n_components() : input_features_; }

int Pipeline::feature_count() const { return PolynomialFeatures::output_count(base_count(), settings_.poly_degree); }

void Pipeline::transform_base_rows(const Eigen::Ref<const Matrix>& raw, Eigen::Ref<Matrix> out) const {
  if (input_features_ == 0) throw DataError("Pipeline: transform before fit");
  if (raw.cols() != input_features_)
    throw DataError("Pipeline: expected " + std::to_string(input_features_) + " pixels per image, got " +
                    std::to_string(raw.cols()));
  if (pca_) {
    out = pca_->transform(standard_ ? standard_->transform(raw) : minmax_ ? minmax_->transform(raw) : Matrix(raw));
  } else {
    out = standard_ ? standard_->transform(raw) : minmax_ ? minmax_->transform(raw) : Matrix(raw);
  }
}

void Pipeline::transform_rows(const Eigen::Ref<const Matrix>& raw, Eigen::Ref<Matrix> out) const {
  if (settings_.poly_degree == 1) {
    transform_base_rows(raw, out);
    return;
  }
  Matrix base(raw.rows(), base_count());
  transform_base_rows(raw, base);
  PolynomialFeatures(settings_.poly_degree).transform_into(base, out);
}

Matrix Pipeline::features(const Matrix& X) const {
  Matrix out(X.rows(), feature_count());
  constexpr Eigen::Index kBlock = 4096;
  for (Eigen::Index r = 0; r < X.rows(); r += kBlock) {
    const Eigen::Index count = std::min(kBlock, X.rows() - r);
    transform_rows(X.middleRows(r, count), out.middleRows(r, count));
  }
  return out;
}

Pipeline& Pipeline::fit(const Matrix& X, const Labels& y) {
  PipelineFitJob job(settings_, rows_of(X), y);
  while (!job.done()) job.step(1.0);
  *this = job.pipeline();
  return *this;
}

Eigen::MatrixXf Pipeline::decision_function(const Matrix& X) const { return model_.decision_function(features(X)); }
Eigen::MatrixXf Pipeline::predict_proba(const Matrix& X) const { return model_.predict_proba(features(X)); }
Labels Pipeline::predict(const Matrix& X) const { return model_.predict(features(X)); }

Pipeline Pipeline::from_fitted(PipelineSettings settings, int input_features, std::optional<StandardScaler> standard,
                               std::optional<MinMaxScaler> minmax, std::optional<PCA> pca, LogisticRegression model) {
  const std::string problem = check_settings(settings, input_features);
  if (!problem.empty()) throw DataError(problem);
  auto fail = [](const std::string& why) { throw DataError("inconsistent pipeline: " + why); };
  if (standard.has_value() != (settings.scaling == Scaling::Standard) ||
      minmax.has_value() != (settings.scaling == Scaling::MinMax))
    fail(std::string("its scaler is not the ") + to_string(settings.scaling) + " its settings name");
  const Eigen::Index scaled = standard ? standard->mean().size() : minmax ? minmax->data_min().size() : input_features;
  if (scaled != input_features) fail("a scaler of " + std::to_string(scaled) + " values for " + std::to_string(input_features) + " inputs");
  if (pca.has_value() != (settings.pca_components > 0)) fail("PCA present but not in its settings, or the reverse");
  if (pca && (pca->n_components() != settings.pca_components || pca->mean().size() != input_features))
    fail("a PCA of " + std::to_string(pca->n_components()) + " components on " + std::to_string(pca->mean().size()) +
         " values for PCA " + std::to_string(settings.pca_components) + " on " + std::to_string(input_features) + " inputs");
  const int features = PolynomialFeatures::output_count(pca ? settings.pca_components : input_features, settings.poly_degree);
  if (model.fitted() && model.n_features() != features)
    fail("a model of " + std::to_string(model.n_features()) + " weights per output for " + std::to_string(features) + " features");
  Pipeline pipeline(settings);
  pipeline.input_features_ = input_features;
  pipeline.standard_ = std::move(standard);
  pipeline.minmax_ = std::move(minmax);
  pipeline.pca_ = std::move(pca);
  pipeline.model_ = std::move(model);
  return pipeline;
}

Pipeline Pipeline::with_model(LogisticRegression model) const {
  return from_fitted(settings_, input_features_, standard_, minmax_, pca_, std::move(model));
}

}  // namespace digitlab
