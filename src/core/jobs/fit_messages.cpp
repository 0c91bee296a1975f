#include "core/jobs/fit_messages.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

#include "core/jobs/byte_codec.hpp"
#include "core/linear_model/model_file.hpp"
#include "core/linear_model/setting_names.hpp"

namespace digitlab {

namespace {

constexpr std::uint32_t kRequestMagic = 0x44464951;  // "QIFD"
constexpr std::uint32_t kReportMagic = 0x32465052;   // "RPF2": with problem_starts

void put_settings(Writer& w, const PipelineSettings& s) {
  w.put<std::int32_t>(static_cast<std::int32_t>(s.scaling));
  w.put<std::int32_t>(s.pca_components);
  w.put<std::int32_t>(s.poly_degree);
  const LogisticRegressionSettings& m = s.model;
  w.put<std::int32_t>(static_cast<std::int32_t>(m.multi_class));
  w.put<std::int32_t>(static_cast<std::int32_t>(m.solver));
  w.put<double>(m.C);
  w.put<std::uint8_t>(m.balanced ? 1 : 0);
  w.put<std::int32_t>(m.max_iter);
  w.put<double>(m.tol);
  w.put<std::int32_t>(m.batch_size);
  w.put<double>(m.learning_rate);
  w.put<double>(m.momentum);
  w.put<std::uint32_t>(m.seed);
}

PipelineSettings get_settings(Reader& r) {
  PipelineSettings s;
  s.scaling = r.get_enum<Scaling>();
  s.pca_components = r.get<std::int32_t>();
  s.poly_degree = r.get<std::int32_t>();
  LogisticRegressionSettings& m = s.model;
  m.multi_class = r.get_enum<MultiClass>();
  m.solver = r.get_enum<Solver>();
  m.C = r.get<double>();
  m.balanced = r.get<std::uint8_t>() != 0;
  m.max_iter = r.get<std::int32_t>();
  m.tol = r.get<double>();
  m.batch_size = r.get<std::int32_t>();
  m.learning_rate = r.get<double>();
  m.momentum = r.get<double>();
  m.seed = r.get<std::uint32_t>();
  return s;
}

// A dataset's shape and row count; its pixels follow, then put_labels.
void put_dataset_head(Writer& w, const Dataset& d, std::size_t n) {
  w.put_string(d.name);
  w.put<std::int32_t>(d.image_rows);
  w.put<std::int32_t>(d.image_cols);
  w.put<std::int32_t>(d.n_classes);
  w.put<std::uint64_t>(n);
}

void put_labels(Writer& w, const Dataset& d, const std::vector<int>* rows) {
  const std::size_t n = rows ? rows->size() : static_cast<std::size_t>(d.size());
  // Into place, not a value at a time: on the page's thread, pressing Train.
  std::size_t at = w.bytes.size();
  w.bytes.resize(at + n * sizeof(std::int32_t));
  for (std::size_t i = 0; i < n; ++i, at += sizeof(std::int32_t)) {
    const std::int32_t label = d.labels[rows ? static_cast<std::size_t>((*rows)[i]) : i];
    std::memcpy(w.bytes.data() + at, &label, sizeof label);
  }
}

// Rows `rows` of `d`'s pixels as they lie in its memory: one piece per run of
// consecutive rows (a fit's rows are the training digits less 2,000 scattered
// validation ones, about 2,000 runs).
std::vector<FitRequestPieces::Piece> pixel_runs(const Dataset& d, const std::vector<int>& rows) {
  std::vector<FitRequestPieces::Piece> runs;
  const std::size_t cols = static_cast<std::size_t>(d.pixels.cols());
  for (std::size_t i = 0; i < rows.size();) {
    const int first = rows[i];
    std::size_t count = 1;
    while (i + count < rows.size() && rows[i + count] == first + static_cast<int>(count)) ++count;
    runs.push_back({d.pixels.data() + static_cast<std::size_t>(first) * cols, count * cols});
    i += count;
  }
  return runs;
}

// A whole dataset: its shape, its pixels, its labels.
void put_dataset(Writer& w, const Dataset& d) {
  put_dataset_head(w, d, static_cast<std::size_t>(d.size()));
  const std::size_t size = static_cast<std::size_t>(d.pixels.size());
  w.bytes.insert(w.bytes.end(), d.pixels.data(), d.pixels.data() + size);
  put_labels(w, d, nullptr);
}

// A dataset's head (its name and shape), with room for its pixels; the pixels and then
// the labels follow in a message (get_dataset), or the pixels come apart (SplitFitRequest).
// `pixel_bytes`: the size the pixels must have (they came apart), else null.
std::shared_ptr<Dataset> get_dataset_head(Reader& r, const std::size_t* pixel_bytes = nullptr) {
  auto d = std::make_shared<Dataset>();
  d->name = r.get_string();
  d->image_rows = r.get<std::int32_t>();
  d->image_cols = r.get<std::int32_t>();
  d->n_classes = r.get<std::int32_t>();
  const auto n = r.get<std::uint64_t>();
  if (d->image_rows <= 0 || d->image_cols <= 0 || d->image_rows > 4096 || d->image_cols > 4096 || n > (1u << 26))
    throw DataError("fit message: bad dataset shape");
  const std::size_t cols = static_cast<std::size_t>(d->image_rows) * static_cast<std::size_t>(d->image_cols);
  if (pixel_bytes && *pixel_bytes != static_cast<std::size_t>(n) * cols)
    throw DataError("fit message: the pixels are not the size the request's head says");
  d->pixels.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(cols));
  d->labels.resize(n);
  return d;
}

void get_labels(Reader& r, Dataset& d) {
  for (auto& label : d.labels) label = r.get<std::int32_t>();
}

std::shared_ptr<const Dataset> get_dataset(Reader& r) {
  std::shared_ptr<Dataset> d = get_dataset_head(r);
  const std::size_t size = static_cast<std::size_t>(d->pixels.size());
  if (size) std::memcpy(d->pixels.data(), r.get_raw(size), size);
  get_labels(r, *d);
  return d;
}

// The request's head: its magic, settings and rule.
void get_request_head(Reader& r, FitRequest& request) {
  if (r.get<std::uint32_t>() != kRequestMagic) throw DataError("fit message: not a fit request");
  request.settings = get_settings(r);
  request.rule = static_cast<StopRule>(r.get<std::int32_t>());
}

void put_progress(Writer& w, const FitProgress& p) {
  w.put<std::int32_t>(static_cast<std::int32_t>(p.stage));
  w.put<double>(p.fraction);
  w.put<double>(p.elapsed_seconds);
  w.put<double>(p.preprocess_seconds);
  const TrainingProgress& t = p.training;
  w.put<std::int32_t>(static_cast<std::int32_t>(t.status));
  for (int v : {t.iteration, t.max_iterations, t.evaluations, t.passes, t.problem, t.problem_count}) w.put<std::int32_t>(v);
  for (double v : {t.loss, t.gradient_max, t.elapsed_seconds, t.wall_seconds, t.fraction}) w.put<double>(v);
  w.put_string(t.message);
}

FitProgress get_progress(Reader& r) {
  FitProgress p;
  p.stage = static_cast<FitStage>(r.get<std::int32_t>());
  if (p.stage < FitStage::Scaling || p.stage > FitStage::Done) throw DataError("fit message: bad stage");
  p.fraction = r.get<double>();
  p.elapsed_seconds = r.get<double>();
  p.preprocess_seconds = r.get<double>();
  TrainingProgress& t = p.training;
  t.status = static_cast<TrainingStatus>(r.get<std::int32_t>());
  for (int* v : {&t.iteration, &t.max_iterations, &t.evaluations, &t.passes, &t.problem, &t.problem_count})
    *v = r.get<std::int32_t>();
  for (double* v : {&t.loss, &t.gradient_max, &t.elapsed_seconds, &t.wall_seconds, &t.fraction}) *v = r.get<double>();
  t.message = r.get_string();
  return p;
}

}  // namespace

FitRequestPieces encode_fit_request_pieces(const PipelineSettings& settings, StopRule rule, const Dataset& all,
                                           const std::vector<int>& fit_rows, const Dataset& validation) {
  for (int i : fit_rows)
    if (i < 0 || i >= all.size()) throw DataError("fit request: row " + std::to_string(i) + " is not in the set");
  FitRequestPieces pieces;
  Writer head;
  head.put<std::uint32_t>(kRequestMagic);
  put_settings(head, settings);
  head.put<std::int32_t>(static_cast<std::int32_t>(rule));
  put_dataset_head(head, all, fit_rows.size());
  pieces.head = std::move(head.bytes);
  pieces.pixel_runs = pixel_runs(all, fit_rows);
  Writer tail;
  tail.bytes.reserve(fit_rows.size() * sizeof(std::int32_t) + static_cast<std::size_t>(validation.pixels.size()) +
                     static_cast<std::size_t>(validation.size()) * sizeof(std::int32_t) + validation.name.size() + 64);
  put_labels(tail, all, &fit_rows);
  put_dataset(tail, validation);
  pieces.tail = std::move(tail.bytes);
  return pieces;
}

std::size_t FitRequestPieces::size() const {
  std::size_t n = head.size() + tail.size();
  for (const Piece& run : pixel_runs) n += run.size;
  return n;
}

std::vector<std::uint8_t> FitRequestPieces::joined() const {
  std::vector<std::uint8_t> bytes;
  bytes.reserve(size());
  bytes.insert(bytes.end(), head.begin(), head.end());
  // One copy a run: in wasm every copy of 512 bytes or more calls out to JavaScript
  // (Emscripten 3.1.6's memcpy).
  for (const Piece& run : pixel_runs) bytes.insert(bytes.end(), run.data, run.data + run.size);
  bytes.insert(bytes.end(), tail.begin(), tail.end());
  return bytes;
}

std::vector<std::uint8_t> encode_fit_request(const PipelineSettings& settings, StopRule rule, const Dataset& all,
                                             const std::vector<int>& fit_rows, const Dataset& validation) {
  return encode_fit_request_pieces(settings, rule, all, fit_rows, validation).joined();
}

FitRequest decode_fit_request(const std::vector<std::uint8_t>& bytes) {
  Reader r(bytes);
  FitRequest request;
  get_request_head(r, request);
  request.fit = get_dataset(r);
  request.validation = get_dataset(r);
  r.expect_end();
  return request;
}

SplitFitRequest::SplitFitRequest(std::vector<std::uint8_t> head_and_tail, std::size_t pixel_bytes)
    : bytes_(std::move(head_and_tail)), reader_(std::make_unique<Reader>(bytes_)) {
  get_request_head(*reader_, request_);
  fit_ = get_dataset_head(*reader_, &pixel_bytes);
}

SplitFitRequest::~SplitFitRequest() = default;

std::size_t SplitFitRequest::pixel_bytes() const { return fit_ ? static_cast<std::size_t>(fit_->pixels.size()) : 0; }
Eigen::Index SplitFitRequest::pixel_rows() const { return fit_ ? fit_->pixels.rows() : 0; }
Eigen::Index SplitFitRequest::pixel_cols() const { return fit_ ? fit_->pixels.cols() : 0; }

FitRequest SplitFitRequest::finish() {
  if (!fit_) throw DataError("fit message: the request was finished already");
  get_labels(*reader_, *fit_);
  request_.fit = std::move(fit_);
  request_.validation = get_dataset(*reader_);
  reader_->expect_end();
  return std::move(request_);
}

FitReport report_of(const ValidatedFitJob& run, bool with_model) {
  FitReport report;
  report.progress = run.progress();
  report.loss_history = run.loss_history();
  report.problem_starts = run.problem_starts();
  report.accuracy_by_pass = run.watch().accuracy_by_pass();
  if (!run.watch().pass_numbers().empty()) report.accuracy_first_pass = run.watch().pass_numbers().front();
  report.loss_by_pass = run.loss_by_pass();
  report.confusion = run.watch().confusion();
  report.rule_window_first = run.watch().rule_window_first();
  report.rule_window_last = run.watch().rule_window_last();
  report.rule_average_by_pass = run.watch().rule_average_by_pass();
  report.rule_fed_by_pass = run.watch().rule_fed_by_pass();
  report.curve_digits = run.curve_digits();
  report.shards = run.shards_used();
  report.covariance_shards = run.covariance_shards();
  report.has_model = run.has_model();
  if (with_model && run.has_model()) {
    // A model file names its image shape: the validation digits have the fitted ones'.
    Pipeline model = run.pipeline();
    if (!run.done()) {  // the model so far: a model file holds a fit that ended, so it says Stopped
      const LogisticRegression& m = model.model();
      TrainingProgress so_far = m.fit_report();
      so_far.status = TrainingStatus::Stopped;
      model = model.with_model(LogisticRegression::from_fitted(m.settings(), m.coef(), m.intercept(), m.n_classes(), so_far));
    }
    const Dataset* shape = run.validation();
    report.model = shape ? encode_model(ModelFile{model, "fit worker", shape->image_rows, shape->image_cols})
                         : encode_model(ModelFile{model, "fit worker", 1, model.input_features()});
  }
  return report;
}

std::vector<std::uint8_t> encode_fit_report(const FitReport& report) {
  Writer w;
  w.put<std::uint32_t>(kReportMagic);
  put_progress(w, report.progress);
  w.put_vector(report.loss_history);
  w.put_vector(report.problem_starts);
  w.put_vector(report.accuracy_by_pass);
  w.put<std::int32_t>(report.accuracy_first_pass);
  w.put_vector(report.loss_by_pass);
  w.put<std::int32_t>(static_cast<std::int32_t>(report.confusion.rows()));
  w.put<std::int32_t>(static_cast<std::int32_t>(report.confusion.cols()));
  for (Eigen::Index i = 0; i < report.confusion.size(); ++i) w.put<std::int64_t>(report.confusion.data()[i]);
  w.put<std::int32_t>(report.rule_window_first);
  w.put<std::int32_t>(report.rule_window_last);
  w.put_vector(report.rule_average_by_pass);
  w.put_vector(report.rule_fed_by_pass);
  w.put<std::int32_t>(report.curve_digits);
  w.put<std::int32_t>(report.shards);
  w.put<std::int32_t>(report.covariance_shards);
  w.put<std::uint8_t>(report.has_model ? 1 : 0);
  w.put_vector(report.model);
  return std::move(w.bytes);
}

FitReport decode_fit_report(const std::vector<std::uint8_t>& bytes) {
  Reader r(bytes);
  if (r.get<std::uint32_t>() != kReportMagic) throw DataError("fit message: not a fit report");
  FitReport report;
  report.progress = get_progress(r);
  report.loss_history = r.get_vector<double>();
  report.problem_starts = r.get_vector<int>();
  report.accuracy_by_pass = r.get_vector<float>();
  report.accuracy_first_pass = r.get<std::int32_t>();
  if (report.accuracy_first_pass < 1 || report.accuracy_first_pass > std::numeric_limits<int>::max() / 2)
    throw DataError("fit message: the curve starts before the first pass, or past any run's end");
  report.loss_by_pass = r.get_vector<float>();
  const int rows = r.get<std::int32_t>(), cols = r.get<std::int32_t>();
  if (rows < 0 || cols < 0 || rows > 1000 || cols > 1000) throw DataError("fit message: bad confusion matrix");
  report.confusion.resize(rows, cols);
  for (Eigen::Index i = 0; i < report.confusion.size(); ++i) report.confusion.data()[i] = r.get<std::int64_t>();
  report.rule_window_first = r.get<std::int32_t>();
  report.rule_window_last = r.get<std::int32_t>();
  const int curve = static_cast<int>(report.accuracy_by_pass.size());
  const bool no_window = report.rule_window_first == -1 && report.rule_window_last == -1;
  if (!no_window && (report.rule_window_first < 0 || report.rule_window_last < report.rule_window_first ||
                     report.rule_window_last >= curve))
    throw DataError("fit message: the settled rule's window is not on the curve");
  report.rule_average_by_pass = r.get_vector<float>();
  if (!report.rule_average_by_pass.empty() && static_cast<int>(report.rule_average_by_pass.size()) != curve)
    throw DataError("fit message: the settled rule's averages are not beside the curve");
  report.rule_fed_by_pass = r.get_vector<std::uint8_t>();
  if (report.rule_fed_by_pass.size() != report.rule_average_by_pass.size() ||
      std::any_of(report.rule_fed_by_pass.begin(), report.rule_fed_by_pass.end(), [](std::uint8_t f) { return f > 1; }))
    throw DataError("fit message: the settled rule's fed passes are not beside its averages, or not 0 or 1");
  report.curve_digits = r.get<std::int32_t>();
  report.shards = r.get<std::int32_t>();
  report.covariance_shards = r.get<std::int32_t>();
  if (report.shards < 1 || report.covariance_shards < 1) throw DataError("fit message: fewer than one worker");
  report.has_model = r.get<std::uint8_t>() != 0;
  report.model = r.get_vector<std::uint8_t>();
  r.expect_end();
  return report;
}

}  // namespace digitlab
