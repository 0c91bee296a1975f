#include "core/tutorial/digit_statistics.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>

namespace digitlab {

DigitStatistics::DigitStatistics(int pixel_count, int n_classes)
    : pixel_count_(pixel_count),
      n_classes_(n_classes),
      sums_(Eigen::MatrixXd::Zero(n_classes + 1, pixel_count)),
      histograms_(static_cast<std::size_t>(n_classes + 1)),
      images_(static_cast<std::size_t>(n_classes + 1), 0) {
  for (Histogram& h : histograms_) h.fill(0);
}

int DigitStatistics::index(int cls) const {
  assert(cls >= -1 && cls < n_classes_ && "DigitStatistics: class out of range");
  return cls < 0 ? n_classes_ : cls;
}

void DigitStatistics::add(const PixelMatrix& pixels, const Labels& labels, int first, int count) {
  assert(pixels.cols() == pixel_count_ && "DigitStatistics::add: pixel count differs");
  assert(first >= 0 && first + count <= pixels.rows() && first + count <= static_cast<int>(labels.size()));
  Histogram& all = histograms_[static_cast<std::size_t>(n_classes_)];
  for (int r = first; r < first + count; ++r) {
    const int cls = labels[static_cast<std::size_t>(r)];
    if (cls < 0 || cls >= n_classes_) throw DataError("DigitStatistics: label " + std::to_string(cls) + " out of range");
    Histogram& own = histograms_[static_cast<std::size_t>(cls)];
    for (int p = 0; p < pixel_count_; ++p) {
      const std::uint8_t v = pixels(r, p);
      ++own[v];
      ++all[v];
    }
    sums_.row(cls) += pixels.row(r).cast<double>();
    ++images_[static_cast<std::size_t>(cls)];
    ++images_[static_cast<std::size_t>(n_classes_)];
  }
  // The "all" row of sums is built from the class rows on demand (mean_image).
}

long long DigitStatistics::images(int cls) const { return images_[static_cast<std::size_t>(index(cls))]; }

Eigen::VectorXf DigitStatistics::mean_image(int cls) const {
  const long long n = images(cls);
  if (n == 0) return Eigen::VectorXf::Zero(pixel_count_);
  const Eigen::VectorXd sum = cls < 0 ? Eigen::VectorXd(sums_.topRows(n_classes_).colwise().sum().transpose())
                                      : Eigen::VectorXd(sums_.row(cls).transpose());
  return (sum / static_cast<double>(n)).cast<float>();
}

const DigitStatistics::Histogram& DigitStatistics::histogram(int cls) const {
  return histograms_[static_cast<std::size_t>(index(cls))];
}

double DigitStatistics::mean_intensity(int cls) const {
  const Histogram& h = histogram(cls);
  double sum = 0, count = 0;
  for (int v = 0; v < 256; ++v) {
    sum += static_cast<double>(v) * static_cast<double>(h[static_cast<std::size_t>(v)]);
    count += static_cast<double>(h[static_cast<std::size_t>(v)]);
  }
  return count > 0 ? sum / count : 0.0;
}

double DigitStatistics::share_of_value(int value, int cls) const {
  assert(value >= 0 && value < 256);
  const long long total = images(cls) * pixel_count_;
  return total > 0 ? static_cast<double>(histogram(cls)[static_cast<std::size_t>(value)]) / static_cast<double>(total) : 0.0;
}

int DigitStatistics::min_value() const {
  const Histogram& h = histogram(-1);
  for (int v = 0; v < 256; ++v)
    if (h[static_cast<std::size_t>(v)] > 0) return v;
  return 0;
}

int DigitStatistics::max_value() const {
  const Histogram& h = histogram(-1);
  for (int v = 255; v >= 0; --v)
    if (h[static_cast<std::size_t>(v)] > 0) return v;
  return 0;
}

DigitStatisticsJob::DigitStatisticsJob(std::shared_ptr<const Dataset> digits)
    : digits_(std::move(digits)), statistics_(digits_->pixel_count(), digits_->n_classes) {}

double DigitStatisticsJob::step(double budget_seconds) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  while (!done()) {
    const int count = std::min(1000, digits_->size() - rows_done_);  // a millisecond or two in wasm
    statistics_.add(digits_->pixels, digits_->labels, rows_done_, count);
    rows_done_ += count;
    if (std::chrono::duration<double>(Clock::now() - started).count() >= budget_seconds) break;
  }
  return progress();
}

}  // namespace digitlab
