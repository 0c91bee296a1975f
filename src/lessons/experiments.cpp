#include "lessons/experiments.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

#include "core/data/imbalance.hpp"
#include "core/data/split.hpp"
#include "core/linear_model/setting_names.hpp"

namespace digitlab::app {

std::shared_ptr<const Dataset> experiment_subset(const Dataset& all, int count, std::uint32_t seed) {
  count = std::clamp(count, std::min(100, all.size()), all.size());
  return std::make_shared<const Dataset>(take(all, stratified_subset(all.labels, count, seed)));
}

std::shared_ptr<const Dataset> experiment_test_digits(const Dataset& test) {
  return experiment_subset(test, kExperimentTestDigits, 1);
}

ExperimentDigits tutorial_split_digits(const Dataset& train, const Dataset& test) {
  const Dataset all = concatenate(train, test);
  const SplitIndices split = train_test_split(all.size(), 0.2, 42);
  return {std::make_shared<const Dataset>(take(all, split.train)), std::make_shared<const Dataset>(take(all, split.test))};
}

namespace {

// An experiment's digits: the tutorial's split, or `subset` training digits (seed 0) and
// the experiments' test digits.
ExperimentDigits experiment_digits(bool tutorial_split, int subset, const Dataset& train_all, const Dataset& test_all) {
  if (tutorial_split) return tutorial_split_digits(train_all, test_all);
  return {experiment_subset(train_all, subset, 0), experiment_test_digits(test_all)};
}

}  // namespace

PipelineSettings experiment_settings(Scaling scaling, int pca, int poly, int max_iter, bool balanced) {
  PipelineSettings s;
  s.scaling = scaling;
  s.pca_components = pca;
  s.poly_degree = poly;
  s.model.max_iter = max_iter;
  s.model.balanced = balanced;
  return s;
}

bool same_settings(const LogisticExperiment& a, const LogisticExperiment& b) {
  return a.solver == b.solver && a.max_iter == b.max_iter && a.subset == b.subset && a.scaling == b.scaling &&
         a.tutorial_split == b.tutorial_split;
}
bool same_settings(const ScalingExperiment& a, const ScalingExperiment& b) {
  return a.subset == b.subset && a.max_iter == b.max_iter && a.tutorial_split == b.tutorial_split;
}
bool same_settings(const PolyExperiment& a, const PolyExperiment& b) {
  return a.components == b.components && a.subset == b.subset && a.max_iter == b.max_iter;
}
bool same_settings(const TestSizeExperiment& a, const TestSizeExperiment& b) {
  return a.pool == b.pool && a.max_iter == b.max_iter && a.sizes == b.sizes && a.seeds == b.seeds;
}
bool same_settings(const ImbalanceExperiment& a, const ImbalanceExperiment& b) {
  return a.digit == b.digit && a.keep == b.keep && a.subset == b.subset && a.max_iter == b.max_iter;
}
bool same_settings(const AugmentExperiment& a, const AugmentExperiment& b) {
  const AugmentSettings &x = a.settings, &y = b.settings;
  return x.max_rotation_degrees == y.max_rotation_degrees && x.max_shift == y.max_shift &&
         x.noise_sigma == y.noise_sigma && x.copies == y.copies && a.subset == b.subset && a.max_iter == b.max_iter;
}

bool same_settings(const WeightsExperiment& a, const WeightsExperiment& b) {
  return a.subset == b.subset && a.max_iter == b.max_iter && a.C == b.C;
}

std::vector<RunSpec> logistic_runs(const LogisticExperiment& e, const Dataset& train_all, const Dataset& test_all) {
  const auto [train, test] = experiment_digits(e.tutorial_split, e.subset, train_all, test_all);
  const Scaling scaling = enum_from_index<Scaling>(e.scaling);
  std::vector<RunSpec> out;
  for (MultiClass mc : {MultiClass::Multinomial, MultiClass::OneVsRest}) {
    PipelineSettings s = experiment_settings(scaling, 0, 1, e.max_iter);
    s.model.multi_class = mc;
    s.model.solver = enum_from_index<Solver>(e.solver);
    out.push_back({mc == MultiClass::Multinomial ? "softmax" : "one-vs-rest", s, train, {{"test", test}}});
  }
  return out;
}

std::vector<RunSpec> solver_race_runs(const LogisticExperiment& e, const Dataset& train_all, const Dataset& test_all) {
  const auto [train, test] = experiment_digits(e.tutorial_split, e.subset, train_all, test_all);
  // Min-max scaled pixels whatever the chapter's form says: on raw 0..255 pixels SAG's
  // step (1 / the largest row's squared norm) is so small that it crawls, as scikit-learn's
  // documentation warns ("fast convergence is only guaranteed on features with
  // approximately the same scale").
  const Scaling scaling = Scaling::MinMax;
  std::vector<RunSpec> out;
  // max_iter: iterations for L-BFGS and Newton-CG, epochs for SAG; enough for each to
  // reach the rule on the chapter's subsets of scaled pixels (raw pixels may not).
  for (const auto& [solver, name, max_iter] : {std::tuple{Solver::Lbfgs, "L-BFGS", 2000},
                                               std::tuple{Solver::NewtonCg, "Newton-CG", 200},
                                               std::tuple{Solver::Sag, "SAG", 500}}) {
    PipelineSettings s = experiment_settings(scaling, 0, 1, max_iter);
    s.model.solver = solver;
    out.push_back({name, s, train, {{"test", test}}});
  }
  return out;
}

std::vector<RunSpec> scaling_runs(const ScalingExperiment& e, const Dataset& train_all, const Dataset& test_all) {
  const auto [train, test] = experiment_digits(e.tutorial_split, e.subset, train_all, test_all);
  return {{"raw pixels", experiment_settings(Scaling::None, 0, 1, e.max_iter), train, {{"test", test}}},
          {"StandardScaler", experiment_settings(Scaling::Standard, 0, 1, e.max_iter), train, {{"test", test}}},
          {"MinMaxScaler", experiment_settings(Scaling::MinMax, 0, 1, e.max_iter), train, {{"test", test}}}};
}

std::vector<RunSpec> poly_runs(const PolyExperiment& e, const Dataset& train_all, const Dataset& test_all) {
  auto train = experiment_subset(train_all, e.subset, 0);
  auto test = experiment_test_digits(test_all);
  const std::string pca = "PCA " + std::to_string(e.components);
  return {{pca, experiment_settings(Scaling::MinMax, e.components, 1, e.max_iter, true), train, {{"test", test}}},
          {pca + " + poly 2", experiment_settings(Scaling::MinMax, e.components, 2, e.max_iter, true), train,
           {{"test", test}}}};
}

std::vector<RunSpec> test_size_runs(const TestSizeExperiment& e, const Dataset& train_all) {
  auto pool = experiment_subset(train_all, e.pool, 4);
  std::vector<RunSpec> out;
  for (double size : e.sizes)
    for (int k = 0; k < e.seeds; ++k) {
      const std::uint32_t seed = 42 + static_cast<std::uint32_t>(k);
      const SplitIndices split = train_test_split(pool->size(), size, seed);
      auto train = std::make_shared<const Dataset>(take(*pool, split.train));
      auto test = std::make_shared<const Dataset>(take(*pool, split.test));
      char label[48];
      std::snprintf(label, sizeof label, "test_size %.2g seed %u", size, seed);
      out.push_back({label, experiment_settings(Scaling::MinMax, 30, 2, e.max_iter), train, {{"test", test}, {"train", train}}});
    }
  return out;
}

ImbalanceRuns imbalance_runs(const ImbalanceExperiment& e, const Dataset& train_all, const Dataset& test_all) {
  auto pool = experiment_subset(train_all, e.subset, 5);
  auto test = experiment_test_digits(test_all);
  auto thinned = std::make_shared<const Dataset>(take(*pool, thin_class(pool->labels, e.digit, e.keep, 6)));
  ImbalanceRuns out;
  out.before = class_counts(pool->labels, 10)[static_cast<std::size_t>(e.digit)];
  out.kept = class_counts(thinned->labels, 10)[static_cast<std::size_t>(e.digit)];
  const PipelineSettings plain = experiment_settings(Scaling::MinMax, 30, 2, e.max_iter, false);
  const PipelineSettings balanced = experiment_settings(Scaling::MinMax, 30, 2, e.max_iter, true);
  out.runs = {{"full pool", plain, pool, {{"test", test}}},
              {"thinned", plain, thinned, {{"test", test}}},
              {"thinned + balanced", balanced, thinned, {{"test", test}}}};
  return out;
}

AugmentInputs augment_inputs(const AugmentExperiment& e, const Dataset& train, const Dataset& test) {
  return {experiment_subset(train, e.subset, 7), experiment_test_digits(test)};
}

std::unique_ptr<AugmentJob> augment_train_job(const AugmentExperiment& e, const AugmentInputs& in) {
  return std::make_unique<AugmentJob>(*in.train, e.settings, kAugmentTrainSeed);
}

std::unique_ptr<AugmentJob> augment_test_job(const AugmentExperiment& e, const AugmentInputs& in) {
  return std::make_unique<AugmentJob>(*in.test, e.settings, kAugmentTestSeed, false);
}

std::vector<RunSpec> augment_runs(const AugmentExperiment& e, const AugmentInputs& in,
                                  std::shared_ptr<const Dataset> grown, std::shared_ptr<const Dataset> shaken) {
  const PipelineSettings s = experiment_settings(Scaling::MinMax, 30, 2, e.max_iter, false);
  return {{"original digits", s, in.train, {{"test", in.test}, {"augmented test", shaken}}},
          {"with augmented copies", s, std::move(grown), {{"test", in.test}, {"augmented test", shaken}}}};
}

PipelineSettings weights_settings(const WeightsExperiment& e) {
  PipelineSettings s = experiment_settings(Scaling::MinMax, 0, 1, e.max_iter);
  s.model.C = e.C;
  return s;
}

std::vector<RunSpec> weights_runs(const WeightsExperiment& e, const Dataset& train_all, const Dataset& test_all) {
  return {{"raw-pixel softmax", weights_settings(e), experiment_subset(train_all, e.subset, 3),
           {{"test", experiment_test_digits(test_all)}}}};
}

Spread spread_of(const std::vector<double>& values) {
  Spread s;
  s.n = static_cast<int>(values.size());
  if (values.empty()) return s;
  s.min = *std::min_element(values.begin(), values.end());
  s.max = *std::max_element(values.begin(), values.end());
  for (double v : values) s.mean += v;
  s.mean /= s.n;
  if (s.n > 1) {
    double sum = 0;
    for (double v : values) sum += (v - s.mean) * (v - s.mean);
    s.sd = std::sqrt(sum / (s.n - 1));
  }
  return s;
}

std::vector<TestSizePoint> test_size_points(const TestSizeExperiment& e, const RunQueue& runs) {
  std::vector<TestSizePoint> out;
  const auto& all = runs.runs();
  for (std::size_t i = 0; i < e.sizes.size(); ++i) {
    std::vector<double> test, train;
    for (int k = 0; k < e.seeds; ++k) {
      const std::size_t index = i * static_cast<std::size_t>(e.seeds) + static_cast<std::size_t>(k);
      if (index >= all.size()) break;
      const double a = all[index]->accuracy("test"), b = all[index]->accuracy("train");
      if (std::isfinite(a)) test.push_back(a);
      if (std::isfinite(b)) train.push_back(b);
    }
    out.push_back({e.sizes[i], spread_of(test), spread_of(train)});
  }
  return out;
}

}  // namespace digitlab::app
