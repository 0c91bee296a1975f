#include "core/linear_model/model_file.hpp"

#include <zlib.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>

#include "core/data/byte_source.hpp"

namespace digitlab {

namespace {

constexpr char kMagic[8] = {'D', 'I', 'G', 'I', 'T', 'L', 'A', 'B'};
constexpr std::uint32_t kMaxDimension = 1u << 20;      // features, rows or columns
constexpr std::uint32_t kMaxStringBytes = 4096;        // the dataset name, the fit message

// [SECTION] Writing

class Writer {
 public:
  template <typename T>
  void put(T value) {
    unsigned char raw[sizeof(T)];
    std::memcpy(raw, &value, sizeof(T));  // the file is little-endian, as wasm and x86 are
    bytes.insert(bytes.end(), raw, raw + sizeof(T));
  }
  void put_string(const std::string& text) {
    put<std::uint32_t>(static_cast<std::uint32_t>(text.size()));
    bytes.insert(bytes.end(), text.begin(), text.end());
  }
  template <typename Derived>
  void put_array(const Eigen::DenseBase<Derived>& a) {
    put<std::uint32_t>(static_cast<std::uint32_t>(a.rows()));
    put<std::uint32_t>(static_cast<std::uint32_t>(a.cols()));
    for (Eigen::Index r = 0; r < a.rows(); ++r)
      for (Eigen::Index c = 0; c < a.cols(); ++c) put(a(r, c));
  }
  std::vector<std::uint8_t> bytes;
};

// [SECTION] Reading

class Reader {
 public:
  Reader(const std::vector<std::uint8_t>& bytes, std::size_t end, std::string name)
      : bytes_(bytes), end_(end), name_(std::move(name)) {}

  [[noreturn]] void fail(const std::string& problem) const { throw DataError(name_ + ": " + problem); }

  template <typename T>
  T get() {
    if (end_ - position_ < sizeof(T)) fail("truncated model file");
    T value;
    std::memcpy(&value, bytes_.data() + position_, sizeof(T));
    position_ += sizeof(T);
    return value;
  }
  std::uint32_t get_count(const char* what, std::uint32_t low, std::uint32_t high) {
    const auto value = get<std::uint32_t>();
    if (value < low || value > high)
      fail(std::string(what) + " is " + std::to_string(value) + ", expected " + std::to_string(low) +
           " to " + std::to_string(high));
    return value;
  }
  std::string get_string() {
    const std::uint32_t size = get_count("text length", 0, kMaxStringBytes);
    if (end_ - position_ < size) fail("truncated model file");
    std::string text(bytes_.begin() + static_cast<std::ptrdiff_t>(position_),
                     bytes_.begin() + static_cast<std::ptrdiff_t>(position_ + size));
    position_ += size;
    return text;
  }
  // An array whose shape must be exactly rows x cols; the data must be finite.
  template <typename T>
  Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> get_array(const char* what, Eigen::Index rows,
                                                                              Eigen::Index cols) {
    const auto r = get<std::uint32_t>();
    const auto c = get<std::uint32_t>();
    // In 64 bits: Eigen::Index is 32-bit and signed on wasm32.
    if (static_cast<std::int64_t>(r) != static_cast<std::int64_t>(rows) ||
        static_cast<std::int64_t>(c) != static_cast<std::int64_t>(cols))
      fail(std::string(what) + " has shape " + std::to_string(r) + "x" + std::to_string(c) + ", expected " +
           std::to_string(rows) + "x" + std::to_string(cols));
    // In 64 bits: on wasm32 a size_t product of two counts near 2^20 would wrap.
    if ((end_ - position_) / sizeof(T) < static_cast<std::uint64_t>(rows) * static_cast<std::uint64_t>(cols))
      fail(std::string("truncated model file in ") + what);
    Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> a(rows, cols);
    std::memcpy(a.data(), bytes_.data() + position_, sizeof(T) * static_cast<std::size_t>(a.size()));
    position_ += sizeof(T) * static_cast<std::size_t>(a.size());
    if (!a.allFinite()) fail(std::string(what) + " contains NaN or Inf");
    return a;
  }
  std::size_t position() const { return position_; }

 private:
  const std::vector<std::uint8_t>& bytes_;
  std::size_t end_;
  std::size_t position_ = 0;
  std::string name_;
};

std::uint32_t checksum(const std::uint8_t* data, std::size_t size) {
  return static_cast<std::uint32_t>(crc32(0L, data, static_cast<uInt>(size)));
}

}  // namespace

bool looks_like_model(const std::uint8_t* data, std::size_t size) {
  return size >= sizeof kMagic && std::memcmp(data, kMagic, sizeof kMagic) == 0;
}

bool looks_like_model(const std::vector<std::uint8_t>& bytes) { return looks_like_model(bytes.data(), bytes.size()); }

SizeBound model_size_bound(const std::string& name) {
  return [name](const std::uint8_t* data, std::size_t size) -> std::optional<SizeLimit> {
    if (size < sizeof kMagic) return std::nullopt;  // decode_model says what is wrong with a short file
    if (!looks_like_model(data, size)) throw DataError(name + ": not a Digit Lab model file (wrong magic)");
    return SizeLimit{kMaxModelBytes, false};
  };
}

std::vector<std::uint8_t> encode_model(const ModelFile& m) {
  const Pipeline& p = m.pipeline;
  if (!p.fitted()) throw DataError("cannot save a model that has not been fitted");
  const PipelineSettings& s = p.settings();
  const LogisticRegression& model = p.model();
  Writer w;
  w.bytes.assign(kMagic, kMagic + sizeof kMagic);
  w.put<std::uint32_t>(kModelFileVersion);
  w.put_string(m.dataset.substr(0, kMaxStringBytes));
  w.put<std::uint32_t>(static_cast<std::uint32_t>(m.image_rows));
  w.put<std::uint32_t>(static_cast<std::uint32_t>(m.image_cols));
  w.put<std::uint32_t>(static_cast<std::uint32_t>(p.input_features()));
  w.put<std::uint32_t>(static_cast<std::uint32_t>(model.n_classes()));
  w.put<std::uint8_t>(static_cast<std::uint8_t>(s.scaling));
  w.put<std::uint32_t>(static_cast<std::uint32_t>(s.pca_components));
  w.put<std::uint32_t>(static_cast<std::uint32_t>(s.poly_degree));
  w.put<std::uint8_t>(static_cast<std::uint8_t>(s.model.multi_class));
  w.put<std::uint8_t>(static_cast<std::uint8_t>(s.model.solver));
  w.put<double>(s.model.C);
  w.put<std::uint8_t>(s.model.balanced ? 1 : 0);
  w.put<std::uint32_t>(static_cast<std::uint32_t>(s.model.max_iter));
  w.put<double>(s.model.tol);
  const TrainingProgress& report = model.fit_report();
  w.put_string(to_string(report.status));
  w.put_string(report.message.substr(0, kMaxStringBytes));
  w.put<std::uint32_t>(static_cast<std::uint32_t>(std::max(0, report.iteration)));
  w.put<std::uint32_t>(static_cast<std::uint32_t>(std::max(0, report.evaluations)));
  w.put<double>(std::isfinite(report.loss) ? report.loss : 0.0);
  if (p.standard_scaler()) {
    w.put_array(p.standard_scaler()->mean().transpose());
    w.put_array(p.standard_scaler()->scale().transpose());
  }
  if (p.minmax_scaler()) {
    w.put_array(p.minmax_scaler()->data_min().transpose());
    w.put_array(p.minmax_scaler()->data_range().transpose());
  }
  if (p.pca()) {
    w.put_array(p.pca()->mean().transpose());
    w.put_array(p.pca()->components());
    w.put_array(p.pca()->explained_variance().transpose());
    w.put<double>(p.pca()->total_variance());
  }
  w.put<std::uint32_t>(static_cast<std::uint32_t>(model.coef().cols()));
  w.put_array(model.coef());
  w.put_array(model.intercept().transpose());
  w.put<std::uint32_t>(checksum(w.bytes.data(), w.bytes.size()));
  return std::move(w.bytes);
}

ModelFile decode_model(const std::vector<std::uint8_t>& bytes, const std::string& name) {
  if (!looks_like_model(bytes)) throw DataError(name + ": not a Digit Lab model file (wrong magic)");
  if (bytes.size() < sizeof kMagic + 8) throw DataError(name + ": truncated model file");
  // The version first, so a newer file says so rather than failing its checksum.
  std::uint32_t version;
  std::memcpy(&version, bytes.data() + sizeof kMagic, 4);
  if (version != 1 && version != kModelFileVersion)
    throw DataError(name + ": model file version " + std::to_string(version) + " is not supported (this build reads 1 and " +
                    std::to_string(kModelFileVersion) + ")");
  const std::size_t body = bytes.size() - 4;
  std::uint32_t stored;
  std::memcpy(&stored, bytes.data() + body, 4);

  Reader r(bytes, body, name);
  for (std::size_t i = 0; i < sizeof kMagic; ++i) r.get<char>();
  r.get<std::uint32_t>();
  ModelFile m;
  m.dataset = r.get_string();
  m.image_rows = static_cast<int>(r.get_count("image rows", 1, 4096));
  m.image_cols = static_cast<int>(r.get_count("image columns", 1, 4096));
  const std::uint32_t inputs = r.get_count("input feature count", 1, kMaxDimension);
  if (inputs != static_cast<std::uint32_t>(m.image_rows * m.image_cols))
    r.fail("input feature count " + std::to_string(inputs) + " does not match the image shape");
  const int n_classes = static_cast<int>(r.get_count("class count", 2, 1000));
  PipelineSettings s;
  const auto scaling = r.get<std::uint8_t>();
  if (scaling > 2) r.fail("unknown scaling code " + std::to_string(scaling));
  s.scaling = static_cast<Scaling>(scaling);
  s.pca_components = static_cast<int>(r.get_count("PCA component count", 0, inputs));
  s.poly_degree = static_cast<int>(r.get_count("polynomial degree", 1, 2));
  const auto multi_class = r.get<std::uint8_t>();
  const auto solver = r.get<std::uint8_t>();
  if (multi_class > 1 || solver > 3) r.fail("unknown model kind");
  s.model.multi_class = static_cast<MultiClass>(multi_class);
  s.model.solver = static_cast<Solver>(solver);
  s.model.C = r.get<double>();
  s.model.balanced = r.get<std::uint8_t>() != 0;
  s.model.max_iter = static_cast<int>(r.get_count("max_iter", 0, 1u << 30));
  s.model.tol = r.get<double>();
  if (!(s.model.C > 0) || !std::isfinite(s.model.C) || !(s.model.tol >= 0)) r.fail("invalid C or tol");
  m.version = version;
  TrainingProgress report;
  if (version >= 2) {
    const std::string status = r.get_string();
    if (!parse_training_status(status, report.status) || report.status == TrainingStatus::Running)
      r.fail("unknown fit status '" + status.substr(0, 40) + "'");
    report.message = r.get_string();
    report.iteration = static_cast<int>(r.get_count("iteration count", 0, 1u << 30));
    report.evaluations = static_cast<int>(r.get_count("pass count", 0, 1u << 30));
    report.loss = r.get<double>();
    if (!std::isfinite(report.loss) || report.loss < 0) r.fail("the fit report's loss is not a finite non-negative number");
    report.fraction = 1.0;
  } else {
    report.status = TrainingStatus::Stopped;
    report.message = "not recorded (a version 1 model file has no fit report)";
  }

  std::optional<StandardScaler> standard;
  std::optional<MinMaxScaler> minmax;
  std::optional<PCA> pca;
  if (s.scaling == Scaling::Standard) {
    Eigen::VectorXf mean = r.get_array<float>("scaler mean", 1, inputs).transpose();
    Eigen::VectorXf scale = r.get_array<float>("scaler scale", 1, inputs).transpose();
    if ((scale.array() <= 0).any()) r.fail("scaler scale must be positive");
    standard = StandardScaler::from_fitted(mean, scale);
  } else if (s.scaling == Scaling::MinMax) {
    Eigen::VectorXf low = r.get_array<float>("scaler minimum", 1, inputs).transpose();
    Eigen::VectorXf range = r.get_array<float>("scaler range", 1, inputs).transpose();
    if ((range.array() <= 0).any()) r.fail("scaler range must be positive");
    minmax = MinMaxScaler::from_fitted(low, range);
  }
  int features = static_cast<int>(inputs);
  if (s.pca_components > 0) {
    const int k = s.pca_components;
    Eigen::VectorXf mean = r.get_array<float>("PCA mean", 1, inputs).transpose();
    Matrix components = r.get_array<float>("PCA components", k, inputs);
    Eigen::VectorXd variance = r.get_array<double>("PCA explained variance", 1, k).transpose();
    const double total = r.get<double>();
    if (!std::isfinite(total) || total < 0) r.fail("PCA total variance is not a finite non-negative number");
    pca = PCA::from_fitted(mean, components, variance, total);
    features = k;
  }
  // In 64 bits first: degree-2 features of 2^20 inputs would overflow an int.
  const std::uint64_t f = static_cast<std::uint64_t>(features);
  const std::uint64_t expanded = s.poly_degree == 2 ? f + f * (f + 1) / 2 : f;
  if (expanded > kMaxModelBytes / sizeof(double))
    r.fail("degree-2 features of " + std::to_string(features) + " inputs need more weights than a model file holds");
  features = PolynomialFeatures::output_count(features, s.poly_degree);
  const int outputs = static_cast<int>(r.get_count("model output count", 1, 1000));
  if (!(outputs == n_classes || (outputs == 1 && n_classes == 2)))
    r.fail("model has " + std::to_string(outputs) + " outputs for " + std::to_string(n_classes) + " classes");
  Eigen::MatrixXd coef = r.get_array<double>("model weights", features, outputs);
  Eigen::VectorXd intercept = r.get_array<double>("model intercept", 1, outputs).transpose();
  // Scores are computed in float32 (logistic_regression.cpp): a weight beyond float's range
  // would turn every prediction into Inf or NaN.
  constexpr double kFloatMax = std::numeric_limits<float>::max();
  if ((coef.array().abs() > kFloatMax).any() || (intercept.array().abs() > kFloatMax).any())
    r.fail("model weights exceed the float32 range the model predicts in");
  if (r.position() != body) r.fail(std::to_string(body - r.position()) + " unexpected bytes after the model");
  if (checksum(bytes.data(), body) != stored) r.fail("checksum mismatch (the file is corrupt)");

  // The checks above name what is wrong in the file; the factories make sure nothing
  // inconsistent gets through.
  LogisticRegression model =
      LogisticRegression::from_fitted(s.model, std::move(coef), std::move(intercept), n_classes, std::move(report));
  m.pipeline = Pipeline::from_fitted(s, static_cast<int>(inputs), std::move(standard), std::move(minmax), std::move(pca),
                                     std::move(model));
  return m;
}

void save_model(const ModelFile& model, const std::string& path) {
  const std::vector<std::uint8_t> bytes = encode_model(model);
  // Write beside, then rename: a failed save never destroys the previous file.
  const std::string temporary = path + ".partial";
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(temporary.c_str(), "wb"), &std::fclose);
  if (!file) throw DataError(path + ": cannot write");
  if (std::fwrite(bytes.data(), 1, bytes.size(), file.get()) != bytes.size()) throw DataError(path + ": write failed");
  file.reset();
  if (std::rename(temporary.c_str(), path.c_str()) != 0) throw DataError(path + ": cannot rename into place");
}

ModelFile load_model(const std::string& path) {
  return decode_model(read_file_bytes(path, kMaxModelBytes, model_size_bound(path)), path);
}

}  // namespace digitlab
