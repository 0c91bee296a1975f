// The tutorial's pipeline: optional scaling, optional PCA, optional degree-2
// polynomial features, then logistic regression. Inputs are raw pixels (0..255).
//
//   PipelineSettings s;  s.scaling = Scaling::MinMax;  s.pca_components = 30;
//   s.poly_degree = 2;   s.model.max_iter = 1000;      s.model.balanced = true;
//   Pipeline pipe(s);
//   pipe.fit(X_train, y_train);               // a loop over PipelineFitJob
//   Labels y_pred = pipe.predict(X_test);
#pragma once

#include <optional>
#include <string>

#include "core/linear_model/logistic_regression.hpp"
#include "core/preprocessing/pca.hpp"
#include "core/preprocessing/polynomial_features.hpp"
#include "core/preprocessing/scalers.hpp"

namespace digitlab {

enum class Scaling { None, Standard, MinMax };

struct PipelineSettings {
  Scaling scaling = Scaling::None;
  int pca_components = 0;  // 0: no PCA
  int poly_degree = 1;     // 1: no polynomial features
  LogisticRegressionSettings model;
};

// Its text form ("minmax") and parsing: core/linear_model/setting_names.hpp.
std::string describe(const PipelineSettings& settings);  // "MinMaxScaler + PCA30 + poly2"
// A message for settings that cannot work on `input_features` pixels, or "".
std::string check_settings(const PipelineSettings& settings, int input_features);

class Pipeline {
 public:
  explicit Pipeline(PipelineSettings settings = {}) : settings_(settings) {}

  Pipeline& fit(const Matrix& X, const Labels& y);

  // Raw pixel rows -> model features; `out` must be rows x feature_count().
  void transform_rows(const Eigen::Ref<const Matrix>& raw, Eigen::Ref<Matrix> out) const;
  Matrix features(const Matrix& X) const;
  int feature_count() const;
  // The same before polynomial expansion (scaling and PCA only): base_count() columns.
  void transform_base_rows(const Eigen::Ref<const Matrix>& raw, Eigen::Ref<Matrix> out) const;
  int base_count() const;

  Eigen::MatrixXf decision_function(const Matrix& X) const;
  Eigen::MatrixXf predict_proba(const Matrix& X) const;
  Labels predict(const Matrix& X) const;

  bool fitted() const { return model_.fitted(); }
  const PipelineSettings& settings() const { return settings_; }
  int input_features() const { return input_features_; }
  const LogisticRegression& model() const { return model_; }
  const std::optional<StandardScaler>& standard_scaler() const { return standard_; }
  const std::optional<MinMaxScaler>& minmax_scaler() const { return minmax_; }
  const std::optional<PCA>& pca() const { return pca_; }

  // A fitted pipeline from its fitted parts (PipelineFitJob, the model file reader).
  // Throws DataError unless they fit together: the settings valid for input_features,
  // exactly the scaler and PCA the settings name, each fitted on input_features values,
  // PCA with settings.pca_components components, and the model (if fitted) with one
  // weight row per feature. The model may be unfitted: the preprocessing alone.
  static Pipeline from_fitted(PipelineSettings settings, int input_features, std::optional<StandardScaler> standard,
                              std::optional<MinMaxScaler> minmax, std::optional<PCA> pca, LogisticRegression model);
  // The same preprocessing with another model, checked as above.
  Pipeline with_model(LogisticRegression model) const;

 private:
  PipelineSettings settings_;
  int input_features_ = 0;
  std::optional<StandardScaler> standard_;
  std::optional<MinMaxScaler> minmax_;
  std::optional<PCA> pca_;
  LogisticRegression model_;
};

}  // namespace digitlab
