#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>

#include "core/jobs/evaluation_job.hpp"
#include "core/linear_model/model_file.hpp"
#include "core/jobs/pipeline_fit_job.hpp"
#include "core/data/row_source.hpp"
#include "core/linear_model/pipeline.hpp"
#include "test_support.hpp"

using namespace digitlab;
using namespace digitlab::testing;

namespace {

// 200 fake 4x4 "images": each class lights a different quadrant, plus a ripple.
void quadrant_images(Matrix& X, Labels& y) {
  X.resize(200, 16);
  y.resize(200);
  for (int i = 0; i < 200; ++i) {
    const int label = i % 4;
    y[static_cast<std::size_t>(i)] = label;
    for (int p = 0; p < 16; ++p) {
      const int quadrant = (p / 8) * 2 + (p % 4) / 2;
      X(i, p) = (quadrant == label ? 200.0f : 20.0f) + 30.0f * std::sin(0.7f * i + p);
    }
  }
}

PipelineSettings full_settings() {
  PipelineSettings s;
  s.scaling = Scaling::MinMax;
  s.pca_components = 5;
  s.poly_degree = 2;
  s.model.balanced = true;
  s.model.max_iter = 200;
  return s;
}

}  // namespace

TEST_CASE("the pipeline chains scaler, PCA and polynomial features", "[pipeline]") {
  Matrix X;
  Labels y;
  quadrant_images(X, y);
  Pipeline p(full_settings());
  p.fit(X, y);
  CHECK(p.model().n_features() == 5 + 15);  // 5 components, 15 products
  CHECK(p.predict_proba(X).rows() == 200);
  CHECK(p.predict_proba(X).row(0).sum() == Approx(1.0));
  Labels predicted = p.predict(X);
  int right = 0;
  for (std::size_t i = 0; i < y.size(); ++i) right += predicted[i] == y[i];
  CHECK(right >= 190);  // the quadrants separate the classes
  CHECK(describe(p.settings()) == "MinMaxScaler + PCA5 + poly2");
}

TEST_CASE("estimator contract: fit twice equals fit once; transform before fit fails", "[pipeline]") {
  Matrix X;
  Labels y;
  quadrant_images(X, y);
  Pipeline once(full_settings()), twice(full_settings());
  once.fit(X, y);
  twice.fit(X.topRows(40), Labels(y.begin(), y.begin() + 40));
  twice.fit(X, y);
  CHECK(twice.predict_proba(X).isApprox(once.predict_proba(X), 1e-6f));
  CHECK_THROWS_AS(Pipeline(full_settings()).features(X), DataError);
  CHECK_THROWS_AS(once.predict(Matrix::Zero(2, 9)), DataError);
}

TEST_CASE("a saved model loads and predicts identical probabilities", "[model_file]") {
  Matrix X;
  Labels y;
  quadrant_images(X, y);
  for (Scaling scaling : {Scaling::None, Scaling::Standard, Scaling::MinMax}) {
    PipelineSettings s = full_settings();
    s.scaling = scaling;
    Pipeline p(s);
    p.fit(X, y);
    const std::string path = scratch_path("model.dlm");
    save_model(ModelFile{p, "quadrants", 4, 4}, path);
    ModelFile back = load_model(path);
    CHECK(back.dataset == "quadrants");
    CHECK(back.image_rows == 4);
    CHECK(back.pipeline.settings().scaling == scaling);
    const Eigen::MatrixXf a = p.predict_proba(X), b = back.pipeline.predict_proba(X);
    CHECK(a == b);  // bit for bit
  }
}

TEST_CASE("the model reader rejects bad files with the reason", "[model_file]") {
  Matrix X;
  Labels y;
  quadrant_images(X, y);
  Pipeline p(full_settings());
  p.fit(X, y);
  const std::vector<std::uint8_t> good = encode_model(ModelFile{p, "quadrants", 4, 4});
  auto error_of = [](const std::vector<std::uint8_t>& bytes) {
    try {
      decode_model(bytes, "m.dlm");
    } catch (const DataError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(error_of(good).empty());

  std::vector<std::uint8_t> version = good;
  version[8] = 9;
  CHECK_THAT(error_of(version), Catch::Contains("version 9"));

  for (std::size_t cut : {good.size() - 1, good.size() / 2, std::size_t{20}, std::size_t{3}}) {
    INFO("cut at " << cut);
    CHECK_FALSE(error_of(std::vector<std::uint8_t>(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(cut))).empty());
  }

  // A NaN weight (the last 8 bytes of the weights sit just before intercept and CRC).
  std::vector<std::uint8_t> nan_weight = good;
  const double nan = std::nan("");
  std::memcpy(nan_weight.data() + good.size() - 4 - (8 + 4 * 8) - 8, &nan, 8);
  CHECK_THAT(error_of(nan_weight), Catch::Contains("NaN or Inf"));

  // A flipped byte in the weights: shapes still fit, the checksum does not.
  std::vector<std::uint8_t> flipped = good;
  flipped[good.size() - 60] ^= 0x01;
  CHECK_THAT(error_of(flipped), Catch::Contains("checksum") || Catch::Contains("NaN"));

  // Wrong shape: the PCA component count says 6 where 5 rows follow.
  ModelFile m = decode_model(good, "m.dlm");
  CHECK(m.pipeline.pca()->n_components() == 5);

  std::vector<std::uint8_t> not_model = {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0};
  CHECK_THAT(error_of(not_model), Catch::Contains("not a Digit Lab model"));
}

TEST_CASE("a fit job in tiny slices gives the same pipeline as one fit", "[pipeline]") {
  Matrix X;
  Labels y;
  quadrant_images(X, y);
  Pipeline whole(full_settings());
  whole.fit(X, y);

  PipelineFitJob job(full_settings(), rows_of(X), y);
  std::vector<FitStage> stages;
  int steps = 0;
  double last_fraction = 0.0;
  while (!job.done()) {
    CHECK(job.step(0.0) == job.progress().fraction);
    const FitProgress& p = job.progress();
    if (stages.empty() || stages.back() != p.stage) stages.push_back(p.stage);
    CHECK(p.fraction >= last_fraction);
    last_fraction = p.fraction;
    ++steps;
  }
  CHECK(steps > 10);
  CHECK(stages.front() != FitStage::Done);
  CHECK(job.progress().fraction == 1.0);
  CHECK(job.pipeline().predict_proba(X).isApprox(whole.predict_proba(X), 1e-5f));
  CHECK(job.training_features().feature_count == 20);
  CHECK(job.training_features().base->cols() == 5);  // the products are made per block
}

// Degree 2 on 784 inputs is 308,504 features: the spreads L-BFGS steps by
// (feature_spread.hpp) are read 3 rows a block, here 40 rows in 14 blocks. Read at once
// they held the page's thread about 1 s for 1,000 digits in wasm; the job now reads a
// block a step, after the base features' single block, and trains on the same spreads
// as a trainer that reads them itself: the same weights, bit for bit.
TEST_CASE("a fit job reads L-BFGS's feature spreads a block a step, to the same model", "[pipeline]") {
  const Matrix X = wavy_features(40, 784, 0.3f);
  Labels y(40);
  for (int i = 0; i < 40; ++i) y[static_cast<std::size_t>(i)] = i % 4;
  PipelineSettings s;
  s.scaling = Scaling::None;
  s.pca_components = 0;
  s.poly_degree = 2;
  s.model.max_iter = 3;
  PipelineFitJob job(s, rows_of(X), y);
  int feature_steps = 0;
  double last_fraction = 0.0;
  while (!job.done()) {
    job.step(0.0);
    if (job.progress().stage == FitStage::Features) ++feature_steps;
    CHECK(job.progress().fraction >= last_fraction);
    last_fraction = job.progress().fraction;
  }
  CHECK(feature_steps == 1 + 13);  // the 14th block ends the stage

  LogisticRegressionTrainer direct(s.model, expanded_features(X, PolynomialFeatures(2)), y);
  while (!direct.done()) direct.step(1.0);
  const Pipeline fitted = job.pipeline();  // (a copy: model() points into it)
  const LogisticRegression& model = fitted.model();
  REQUIRE(model.coef().rows() == 308504);
  CHECK(job.progress().training.passes == direct.progress().passes);
  CHECK(model.coef() == direct.model().coef());
  CHECK(model.intercept() == direct.model().intercept());
}

TEST_CASE("stopping a fit job keeps the model so far; stopping before training keeps none", "[pipeline]") {
  Matrix X;
  Labels y;
  quadrant_images(X, y);
  PipelineFitJob job(full_settings(), rows_of(X), y);
  while (job.progress().stage != FitStage::Training || job.progress().training.iteration < 2) job.step(0.0);
  job.stop();
  CHECK(job.done());
  CHECK(job.progress().training.status == TrainingStatus::Stopped);
  CHECK(job.pipeline().fitted());

  PipelineFitJob early(full_settings(), rows_of(X), y);
  early.step(0.0);
  early.stop();
  CHECK_FALSE(early.has_model());
  CHECK_THROWS_AS(early.pipeline(), DataError);
}

// The page replaces its datasets when a new file arrives (window.digitlab.loadFile),
// perhaps while a job reads them; jobs share ownership, so the old rows stay alive.
// Under AddressSanitizer a job that kept a plain reference would read freed memory here.
TEST_CASE("fit and evaluation jobs keep reading a dataset the page has replaced", "[pipeline]") {
  Matrix X;
  Labels y;
  quadrant_images(X, y);
  Dataset original;
  original.name = "quadrants";
  original.image_rows = original.image_cols = 4;
  original.n_classes = 4;
  original.pixels = X.cast<std::uint8_t>();
  original.labels = y;
  auto loaded = std::make_shared<const Dataset>(original);

  PipelineFitJob reference(full_settings(), rows_of(original.pixels), original.labels);
  while (!reference.done()) reference.step(1.0);

  PipelineFitJob job(full_settings(), rows_of(loaded), loaded->labels);
  job.step(0.0);
  loaded = std::make_shared<const Dataset>();  // the page's slot now holds another dataset
  std::vector<std::uint8_t> scribble(original.pixels.size() * 4, 0xAB);  // reuse freed memory, if any
  while (!job.done()) job.step(0.0);
  const Pipeline fitted = job.pipeline();
  CHECK(fitted.predict_proba(X) == reference.pipeline().predict_proba(X));

  auto test = std::make_shared<const Dataset>(original);
  EvaluationJob eval(fitted, rows_of(test), test->labels);
  eval.step(0.0);
  test.reset();
  while (eval.step(0.0) < 1.0) {
  }
  CHECK(eval.predictions() == fitted.predict(X));
  CHECK(eval.labels() == y);
  CHECK(scribble[0] == 0xAB);
}

TEST_CASE("an evaluation job predicts in blocks and counts every row once", "[pipeline]") {
  Matrix X;
  Labels y;
  quadrant_images(X, y);
  Pipeline p(full_settings());
  p.fit(X, y);
  EvaluationJob eval(p, rows_of(X), y);
  while (eval.step(0.0) < 1.0) {
  }
  CHECK(eval.done());
  CHECK(eval.confusion().sum() == 200);
  CHECK(eval.predictions() == p.predict(X));
  CHECK(eval.report().accuracy == Approx(accuracy(y, p.predict(X))));
  CHECK(eval.misclassified().size() == static_cast<std::size_t>(200 - eval.confusion().trace()));
  CHECK(eval.probabilities().row(5).sum() == Approx(1.0));
}

namespace {

template <typename T>
void poke(std::vector<std::uint8_t>& bytes, std::size_t at, T value) {
  std::memcpy(bytes.data() + at, &value, sizeof value);
}

// Rewrites the CRC-32 at the end, so that a test reaches the check it means to reach.
void fix_checksum(std::vector<std::uint8_t>& bytes) {
  const auto crc = static_cast<std::uint32_t>(crc32(0L, bytes.data(), static_cast<uInt>(bytes.size() - 4)));
  poke(bytes, bytes.size() - 4, crc);
}

std::string model_error(const std::vector<std::uint8_t>& bytes) {
  try {
    decode_model(bytes, "m.dlm");
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the fit report travels with the model; version 1 files still load", "[model_file]") {
  Matrix X;
  Labels y;
  quadrant_images(X, y);
  Pipeline p(full_settings());
  p.fit(X, y);
  LogisticRegression model = p.model();
  TrainingProgress report = model.fit_report();
  report.status = TrainingStatus::LineSearchFailed;
  report.message = "lbfgs failed to converge: ABNORMAL_TERMINATION_IN_LNSRCH";
  report.iteration = 41;
  report.evaluations = 47;
  report.loss = 0.125;
  p = p.with_model(LogisticRegression::from_fitted(model.settings(), model.coef(), model.intercept(), model.n_classes(), report));
  const std::vector<std::uint8_t> bytes = encode_model(ModelFile{p, "quadrants", 4, 4});
  const ModelFile back = decode_model(bytes, "m.dlm");
  const TrainingProgress& read = back.pipeline.model().fit_report();
  CHECK(back.version == 2);
  CHECK(read.status == TrainingStatus::LineSearchFailed);
  CHECK(read.message == report.message);
  CHECK(read.iteration == 41);
  CHECK(read.evaluations == 47);
  CHECK(read.loss == 0.125);

  // Version 1: the same bytes without the report, which sits right after the settings
  // (magic 8, version 4, name 4 + 9, 4 counts, settings 29 bytes: offset 73).
  constexpr std::size_t kReport = 73;
  const std::size_t report_size = 4 + 18 + 4 + report.message.size() + 4 + 4 + 8;
  std::vector<std::uint8_t> v1 = bytes;
  v1.erase(v1.begin() + kReport, v1.begin() + static_cast<std::ptrdiff_t>(kReport + report_size));
  v1[8] = 1;
  fix_checksum(v1);
  const ModelFile old = decode_model(v1, "old.dlm");
  CHECK(old.version == 1);
  CHECK_THAT(old.pipeline.model().fit_report().message, Catch::Contains("not recorded"));
  CHECK(old.pipeline.predict_proba(X) == p.predict_proba(X));

  // A status this build does not know is refused, not guessed.
  std::vector<std::uint8_t> odd = bytes;
  odd[kReport + 4] = 'L';  // "Line_search_failed"
  fix_checksum(odd);
  CHECK_THROWS_WITH(decode_model(odd, "m.dlm"), Catch::Contains("unknown fit status 'Line_search_failed'"));
}

TEST_CASE("the model reader checks shapes, counts and value ranges, checksum or not", "[model_file]") {
  Matrix X;
  Labels y;
  quadrant_images(X, y);
  Pipeline p(full_settings());
  p.fit(X, y);
  const std::vector<std::uint8_t> good = encode_model(ModelFile{p, "quadrants", 4, 4});
  // The layout (model_file.cpp): magic 8, version 4, name 4 + 9, then the settings.
  constexpr std::size_t kInputs = 33, kClasses = 37, kScaling = 41, kPca = 42;
  const std::size_t last_weight = good.size() - 4 - (8 + 4 * 8) - 8;
  auto edited = [&](auto edit) {
    std::vector<std::uint8_t> bytes = good;
    edit(bytes);
    fix_checksum(bytes);
    return model_error(bytes);
  };

  CHECK_THAT(edited([](auto& b) { poke<std::uint32_t>(b, kPca, 6); }),
             Catch::Contains("m.dlm") && Catch::Contains("PCA components has shape 5x16, expected 6x16"));
  CHECK_THAT(edited([](auto& b) { poke<std::uint32_t>(b, kClasses, 3); }),
             Catch::Contains("4 outputs for 3 classes"));
  CHECK_THAT(edited([](auto& b) { poke<std::uint32_t>(b, kInputs, 17); }),
             Catch::Contains("does not match the image shape"));
  CHECK_THAT(edited([](auto& b) { b[kScaling] = 7; }), Catch::Contains("unknown scaling code 7"));
  CHECK_THAT(edited([&](auto& b) { poke(b, last_weight, std::numeric_limits<double>::infinity()); }),
             Catch::Contains("model weights contains NaN or Inf"));
  CHECK_THAT(edited([&](auto& b) { poke(b, last_weight, 1e300); }), Catch::Contains("float32 range"));
  CHECK_THAT(edited([](auto& b) { b.insert(b.end() - 4, 0); }), Catch::Contains("1 unexpected bytes after the model"));

  std::vector<std::uint8_t> flipped = good;
  flipped[60] ^= 0x10;  // inside the settings' doubles: everything parses, the CRC does not match
  CHECK_THAT(model_error(flipped), Catch::Contains("checksum") || Catch::Contains("invalid C"));

  // A header whose degree-2 features of 1024x1024 inputs would overflow an int count.
  std::vector<std::uint8_t> huge(good.begin(), good.begin() + 12);
  auto put = [&huge](auto value) {
    huge.resize(huge.size() + sizeof value);
    poke(huge, huge.size() - sizeof value, value);
  };
  put(std::uint32_t{0});                                           // name ""
  put(std::uint32_t{1024}), put(std::uint32_t{1024}), put(std::uint32_t{1u << 20}), put(std::uint32_t{10});
  put(std::uint8_t{0}), put(std::uint32_t{0}), put(std::uint32_t{2});  // no scaling, no PCA, degree 2
  put(std::uint8_t{0}), put(std::uint8_t{0}), put(1.0), put(std::uint8_t{0}), put(std::uint32_t{100}), put(1e-4);
  put(std::uint32_t{9});                                           // the fit report: "converged", "", 5, 6, 0.5
  for (char c : std::string("converged")) put(c);
  put(std::uint32_t{0}), put(std::uint32_t{5}), put(std::uint32_t{6}), put(0.5);
  put(std::uint32_t{0});                                           // the CRC's place
  fix_checksum(huge);
  CHECK_THAT(model_error(huge), Catch::Contains("need more weights than a model file holds"));

  // load_model looks at the first bytes and stops: a large file that is no model is not read whole.
  write_bytes(scratch_path("not_model.bin"), std::vector<std::uint8_t>(1 << 20, 'x'));
  CHECK_THROWS_WITH(load_model(scratch_path("not_model.bin")), Catch::Contains("not a Digit Lab model"));
  CHECK_THROWS_WITH(load_model("/nonexistent-digitlab.dlm"), Catch::Contains("cannot open"));
}

TEST_CASE("a pipeline is built only from parts that fit together", "[model_file]") {
  const MinMaxScaler scaler = MinMaxScaler::from_fitted(Eigen::Vector2f(0, 0), Eigen::Vector2f(2, 4));
  PipelineSettings s;
  s.scaling = Scaling::MinMax;
  auto binary = [](int weights) {
    return LogisticRegression::from_fitted({}, Eigen::MatrixXd::Ones(weights, 1), Eigen::VectorXd::Zero(1), 2, {});
  };
  // Two pixels, no PCA, degree 1: two features, so two weights per output.
  CHECK_NOTHROW(Pipeline::from_fitted(s, 2, std::nullopt, scaler, std::nullopt, binary(2)));
  CHECK_THROWS_AS(Pipeline::from_fitted(s, 2, std::nullopt, scaler, std::nullopt, binary(3)), DataError);
  // Degree 2 of two features is 5 features (x1, x2, x1^2, x1 x2, x2^2).
  PipelineSettings poly = s;
  poly.poly_degree = 2;
  CHECK_NOTHROW(Pipeline::from_fitted(poly, 2, std::nullopt, scaler, std::nullopt, binary(5)));
  CHECK_THROWS_AS(Pipeline::from_fitted(poly, 2, std::nullopt, scaler, std::nullopt, binary(2)), DataError);
  // A scaler the settings do not name, or one fitted on another pixel count.
  CHECK_THROWS_AS(Pipeline::from_fitted(PipelineSettings{}, 2, std::nullopt, scaler, std::nullopt, binary(2)), DataError);
  CHECK_THROWS_AS(Pipeline::from_fitted(s, 3, std::nullopt, scaler, std::nullopt, binary(3)), DataError);
  // Weights for one output with an intercept per class; three outputs for two classes.
  CHECK_THROWS_AS(LogisticRegression::from_fitted({}, Eigen::MatrixXd::Ones(2, 1), Eigen::VectorXd::Zero(3), 3, {}),
                  DataError);
  CHECK_THROWS_AS(LogisticRegression::from_fitted({}, Eigen::MatrixXd::Ones(2, 3), Eigen::VectorXd::Zero(3), 2, {}),
                  DataError);
  CHECK_THROWS_AS(MinMaxScaler::from_fitted(Eigen::Vector2f(0, 0), Eigen::Vector2f(2, 0)), DataError);
  CHECK_THROWS_AS(PCA::from_fitted(Eigen::Vector2f(0, 0), Matrix::Ones(1, 3), Eigen::VectorXd::Ones(1), 1.0), DataError);
}

TEST_CASE("a preprocessing-only fit job fits the same scaler and PCA as a whole fit", "[pipeline]") {
  Matrix X;
  Labels y;
  quadrant_images(X, y);
  PipelineSettings s = full_settings();
  Pipeline whole(s);
  whole.fit(X, y);
  PipelineFitJob job(PipelineFitJob::PreprocessingOnly{}, s.scaling, s.pca_components, rows_of(X));
  double fraction = 0;
  while (!job.done()) {
    const double next = job.step(0.0);
    CHECK(next >= fraction);
    fraction = next;
  }
  CHECK(job.progress().fraction == 1.0);
  CHECK_FALSE(job.has_model());
  const Pipeline& part = job.preprocessing();
  CHECK_FALSE(part.fitted());
  REQUIRE(part.pca());
  CHECK(part.pca()->components().isApprox(whole.pca()->components(), 1e-5f));
  Matrix base(X.rows(), whole.base_count()), expected(X.rows(), whole.base_count());
  part.transform_base_rows(X, base);
  whole.transform_base_rows(X, expected);
  CHECK(base.isApprox(expected, 1e-5f));
}

TEST_CASE("a fit job on pixels fits the scaler and PCA a fit job on the same rows as floats does", "[pipeline]") {
  // The job sums pixels exactly and applies the fitted scaler afterwards (a * x + b from
  // StandardScaler's mean and scale, MinMaxScaler's min and range); as floats it scales
  // each row first. Rows picked by index from a shared dataset, as the page's Train panel
  // hands them over, against the same rows as a float matrix.
  auto data = std::make_shared<Dataset>();
  data->image_rows = 6;
  data->image_cols = 6;
  data->pixels = PixelMatrix::Zero(900, 36);
  for (int r = 0; r < 900; ++r) {
    for (int c = 1; c < 35; ++c)
      if (c % 6 != 0)
        data->pixels(r, c) = static_cast<std::uint8_t>(std::clamp(
            120.0 + 100.0 * std::sin(0.07 * r * (1 + c % 4)) * std::cos(0.4 * c) + (r * 29 + c * 13) % 31, 0.0, 255.0));
    data->labels.push_back(r % 10);
  }
  std::vector<int> picked;
  for (int r = 0; r < 900; r += 3) picked.push_back(r);
  picked.push_back(1);
  Matrix floats(static_cast<Eigen::Index>(picked.size()), 36);
  for (std::size_t i = 0; i < picked.size(); ++i) floats.row(static_cast<Eigen::Index>(i)) = data->pixels.row(picked[i]).cast<float>();

  for (const Scaling scaling : {Scaling::Standard, Scaling::MinMax, Scaling::None}) {
    INFO("scaling " << static_cast<int>(scaling));
    PipelineFitJob on_pixels(PipelineFitJob::PreprocessingOnly{}, scaling, 4, rows_of(std::shared_ptr<const Dataset>(data), picked));
    PipelineFitJob on_floats(PipelineFitJob::PreprocessingOnly{}, scaling, 4, rows_of(floats));
    while (!on_pixels.done()) on_pixels.step(1.0);
    while (!on_floats.done()) on_floats.step(1.0);
    const PCA& a = *on_pixels.preprocessing().pca();
    const PCA& b = *on_floats.preprocessing().pca();
    CHECK(a.total_variance() == Approx(b.total_variance()).epsilon(1e-5));
    CHECK((a.mean() - b.mean()).cwiseAbs().maxCoeff() < 1e-5f * std::max(1.0f, b.mean().cwiseAbs().maxCoeff()));
    for (int k = 0; k < 4; ++k) {
      INFO("component " << k);
      CHECK(a.explained_variance()(k) == Approx(b.explained_variance()(k)).epsilon(1e-4));
      CHECK(std::abs(a.components().row(k).dot(b.components().row(k))) == Approx(1.0).epsilon(1e-4));
    }
  }
}
