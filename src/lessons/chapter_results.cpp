#include "lessons/chapter_results.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "core/common/types.hpp"

namespace digitlab::app {

namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, '\t')) out.push_back(field);
  return out;
}

std::string clean(std::string text) {  // a label or description never carries a tab or newline
  for (char& c : text)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return text;
}

// A picture value to 3 decimals, without trailing zeros: "0", "-0.5", "0.123".
std::string picture_value(float v) {
  char text[16];
  std::snprintf(text, sizeof text, "%.3f", static_cast<double>(std::round(v * 1000.0f) / 1000.0f));
  std::string out = text;
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out == "-0" ? "0" : out;
}

void write_pictures(std::ostream& out, const std::string& name, const WeightPictures& p) {
  if (p.values.cols() != kPictureDigits || p.values.rows() == 0 || static_cast<int>(p.scale.size()) != kPictureDigits ||
      static_cast<int>(p.max_abs.size()) != kPictureDigits)
    throw DataError("chapter-results: " + name + ": ten weight pictures expected");
  char number[32];
  for (int d = 0; d < kPictureDigits; ++d) {
    out << "picture\t" << d;
    std::snprintf(number, sizeof number, "\t%.4g\t%.4g\t", static_cast<double>(p.scale[d]),
                  static_cast<double>(p.max_abs[d]));
    out << number;
    for (Eigen::Index i = 0; i < p.values.rows(); ++i) out << (i ? " " : "") << picture_value(p.values(i, d));
    out << '\n';
  }
}

}  // namespace

std::string write_chapter_results(const std::string& dataset, int train_digits, int test_digits,
                                  const std::vector<std::pair<std::string, const RunQueue*>>& queues,
                                  const std::map<std::string, WeightPictures>& pictures) {
  std::ostringstream out;
  out.precision(9);
  out << "digitlab-chapter-results\t1\n";
  out << "data\t" << clean(dataset) << '\t' << train_digits << '\t' << test_digits << '\n';
  for (const auto& [name, queue] : queues) {
    out << "experiment\t" << clean(name) << '\n';
    for (const auto& run : queue->runs()) {
      if (!run->done || !run->error.empty())
        throw DataError("chapter-results: " + name + ", " + run->spec.label + " did not finish: " + run->error);
      out << "run\t" << clean(run->spec.label) << '\t' << to_string(run->training.status) << '\t'
          << run->training.iteration << '\t' << run->training.max_iterations << '\t' << run->features() << '\t'
          << run->fit_seconds << '\t' << run->train_count << '\n';
      out << "loss\t";
      for (std::size_t i = 0; i < run->loss.size(); ++i) out << (i ? " " : "") << run->loss[i];
      out << '\n';
      out << "starts\t";
      for (std::size_t i = 0; i < run->loss_starts.size(); ++i) out << (i ? " " : "") << run->loss_starts[i];
      out << '\n';
      for (std::size_t k = 0; k < run->scores.size(); ++k) {
        const RunScore& s = run->scores[k];
        out << "score\t" << clean(s.name) << '\t' << s.confusion.sum() << '\t' << s.accuracy << '\t';
        for (int t = 0; t < s.confusion.rows(); ++t)
          for (int p = 0; p < s.confusion.cols(); ++p) out << (t || p ? " " : "") << s.confusion(t, p);
        out << '\n';
      }
    }
    if (const auto found = pictures.find(name); found != pictures.end()) write_pictures(out, name, found->second);
  }
  return out.str();
}

ChapterResults parse_chapter_results(const std::string& text, const std::string& name) {
  ChapterResults r;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  std::vector<std::shared_ptr<const Run>>* runs = nullptr;
  std::string experiment;
  std::shared_ptr<Run> run;
  auto fail = [&](const std::string& why) {
    throw DataError(name + ", line " + std::to_string(number) + ": " + why);
  };
  auto integer = [&](const std::string& s) {
    char* end = nullptr;
    const long v = std::strtol(s.c_str(), &end, 10);
    if (s.empty() || *end || v < 0 || v > 100000000) fail("not a count: '" + s + "'");
    return static_cast<int>(v);
  };
  auto real = [&](const std::string& s) {
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || *end) fail("not a number: '" + s + "'");
    return v;
  };
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    const std::vector<std::string> f = split_tabs(line);
    if (number == 1) {
      if (f.size() != 2 || f[0] != "digitlab-chapter-results" || f[1] != "1") fail("not a chapter-results file, version 1");
    } else if (f[0] == "data" && f.size() == 4) {
      r.dataset = f[1];
      r.train_digits = integer(f[2]);
      r.test_digits = integer(f[3]);
    } else if (f[0] == "experiment" && f.size() == 2) {
      runs = &r.experiments[f[1]];
      experiment = f[1];
      run.reset();
    } else if (f[0] == "run" && f.size() == 8) {
      if (!runs) fail("a run before any experiment");
      run = std::make_shared<Run>();
      run->spec.label = f[1];
      if (!parse_training_status(f[2], run->training.status)) fail("unknown status '" + f[2] + "'");
      run->training.iteration = integer(f[3]);
      run->training.max_iterations = integer(f[4]);
      run->feature_count = integer(f[5]);
      run->fit_seconds = real(f[6]);
      run->train_count = integer(f[7]);
      run->training.fraction = 1;
      run->done = true;
      run->precomputed = true;
      runs->push_back(run);
    } else if (f[0] == "loss" && f.size() <= 2) {
      if (!run) fail("a loss line before any run");
      std::istringstream values(f.size() == 2 ? f[1] : "");
      for (std::string v; values >> v;) run->loss.push_back(static_cast<float>(real(v)));
    } else if (f[0] == "starts" && f.size() <= 2) {  // where each one-vs-rest problem's curve starts
      if (!run) fail("a starts line before any run");
      if (!run->loss_starts.empty()) fail("a second starts line for one run");
      std::istringstream values(f.size() == 2 ? f[1] : "");
      for (std::string v; values >> v;) {
        const int start = integer(v);
        const std::string refused = start_refused(run->loss_starts, start, run->loss.size());
        if (!refused.empty()) fail(refused + ": '" + v + "'");
        run->loss_starts.push_back(start);
      }
    } else if (f[0] == "score" && f.size() == 5) {
      if (!run) fail("a score line before any run");
      RunScore s;
      s.name = f[1];
      const int digits = integer(f[2]);
      s.accuracy = real(f[3]);
      s.confusion = ConfusionMatrix::Zero(10, 10);
      std::istringstream values(f[4]);
      int k = 0;
      for (std::string v; values >> v; ++k) {
        if (k >= 100) fail("more than 100 confusion counts");
        s.confusion(k / 10, k % 10) = integer(v);
      }
      if (k != 100) fail("fewer than 100 confusion counts");
      if (s.confusion.sum() != digits) fail("the confusion counts do not add up to the digits");
      s.report = classification_report(s.confusion);
      run->evaluation_counts.push_back(digits);
      run->evaluated = run->scores.size() + 1;
      run->scores.push_back(std::move(s));
    } else if (f[0] == "picture" && (f.size() == 4 || f.size() == 5)) {  // 4: no values
      if (!run) fail("a picture line before any run");
      WeightPictures& p = r.pictures[experiment];
      const int digit = integer(f[1]);
      if (digit != static_cast<int>(p.scale.size())) fail("picture " + f[1] + " out of order");
      if (digit >= kPictureDigits) fail("more than ten pictures");
      const double scale = real(f[2]), largest = real(f[3]);
      if (!(scale > 0 && std::isfinite(scale))) fail("a picture's scale must be above 0");
      if (!(largest >= 0 && std::isfinite(largest))) fail("a picture's largest |w| must be 0 or more");
      std::vector<float> values;
      std::istringstream in_values(f.size() == 5 ? f[4] : "");
      for (std::string v; in_values >> v;) {
        const double x = real(v);
        if (!(x >= -1 && x <= 1)) fail("a picture value outside -1..1: '" + v + "'");
        values.push_back(static_cast<float>(x));
      }
      if (values.empty() || (digit > 0 && static_cast<Eigen::Index>(values.size()) != p.values.rows()))
        fail("picture " + f[1] + " has " + std::to_string(values.size()) + " values, not one per pixel");
      if (digit == 0) p.values.resize(static_cast<Eigen::Index>(values.size()), kPictureDigits);
      p.values.col(digit) = Eigen::Map<const Eigen::VectorXf>(values.data(), p.values.rows());
      p.scale.push_back(static_cast<float>(scale));
      p.max_abs.push_back(static_cast<float>(largest));
    } else {
      fail("not understood: '" + f[0] + "'");
    }
  }
  if (number == 0) fail("empty");
  for (const auto& [name, p] : r.pictures)
    if (static_cast<int>(p.scale.size()) != kPictureDigits) fail(name + ": " + std::to_string(p.scale.size()) + " pictures, not ten");
  r.loaded = true;
  return r;
}

bool install_precomputed(RunQueue& queue, const ChapterResults& results, const std::string& experiment) {
  const auto found = results.experiments.find(experiment);
  if (found == results.experiments.end() || found->second.empty() || !queue.empty()) return false;
  for (const auto& run : found->second) {
    auto copy = std::make_unique<Run>();
    copy->spec.label = run->spec.label;
    copy->loss = run->loss;
    copy->loss_starts = run->loss_starts;
    copy->training = run->training;
    copy->fit_seconds = run->fit_seconds;
    copy->scores = run->scores;
    copy->evaluated = run->evaluated;
    copy->done = true;
    copy->precomputed = true;
    copy->train_count = run->train_count;
    copy->evaluation_counts = run->evaluation_counts;
    copy->feature_count = run->feature_count;
    queue.add_finished(std::move(copy));
  }
  return true;
}

}  // namespace digitlab::app
