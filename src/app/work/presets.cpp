#include "app/work/presets.hpp"

namespace digitlab::app {

namespace {

TrainForm form(int scaling, int pca, int poly, int max_iter, bool balanced) {
  TrainForm f;
  f.scaling = scaling;
  f.pca_on = pca > 0;
  f.pca_components = pca > 0 ? pca : 30;
  f.poly_degree = poly;
  f.max_iter = max_iter;
  f.balanced = balanced;
  return f;
}

}  // namespace

const std::vector<Preset>& presets() {
  // The tutorial: raw pixels with max_iter 2000; the rest max_iter 1000, balanced.
  static const std::vector<Preset> all = {
      {"Raw pixels", "0..255 straight into the model: slow to converge", form(0, 0, 1, 2000, false)},
      {"StandardScaler", "each pixel to mean 0, std 1", form(1, 0, 1, 1000, true)},
      {"MinMaxScaler", "each pixel to 0..1", form(2, 0, 1, 1000, true)},
      {"PCA 30", "min-max, then 30 principal components", form(2, 30, 1, 1000, true)},
      {"PCA 30 + poly 2", "the tutorial's best: 495 features", form(2, 30, 2, 1000, true)},
      {"Best (PCA 50 + poly 2)",
       "past the tutorial: 1,325 features; 98.16% on the test digits when the command-line tool trained it on all "
       "60,000 training digits, usually less on fewer",
       form(2, 50, 2, 1000, true)},
  };
  return all;
}

int preset_index(const std::string& key) {
  static const char* keys[] = {"raw", "standard", "minmax", "pca30", "poly2", "best"};
  for (int i = 0; i < 6; ++i)
    if (key == keys[i]) return i;
  return -1;
}

PipelineSettings to_settings(const TrainForm& f) {
  PipelineSettings s;
  s.scaling = f.scaling == 0 ? Scaling::None : f.scaling == 1 ? Scaling::Standard : Scaling::MinMax;
  s.pca_components = f.pca_on ? f.pca_components : 0;
  s.poly_degree = f.poly_degree;
  s.model.C = f.C;
  s.model.balanced = f.balanced;
  s.model.multi_class = f.multi_class == 0 ? MultiClass::Multinomial : MultiClass::OneVsRest;
  s.model.solver = f.solver == 0 ? Solver::Lbfgs : f.solver == 1 ? Solver::MiniBatch : Solver::NewtonCg;
  s.model.max_iter = f.max_iter;
  s.model.learning_rate = f.learning_rate;
  s.model.batch_size = f.batch_size;
  return s;
}

}  // namespace digitlab::app
