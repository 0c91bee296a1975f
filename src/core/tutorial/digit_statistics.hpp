// What the "Meet MNIST" chapter shows about a labelled image set, gathered a block of
// rows at a time (a browser frame advances a few thousand rows): image counts per
// class, the mean image of each class, histograms of pixel intensities, the pixel range.
//
//   DigitStatistics stats(784, 10);
//   stats.add(train.pixels, train.labels, 0, 5000);   // rows 0..4999; call again for more
//   stats.mean_image(3);          // 784 floats, 0..255: the average "3"
//   stats.histogram(-1)[0];       // how many pixels of all images are exactly 0
//   stats.mean_intensity(1);      // average pixel value of the ones (the least ink)
//
// Or a time budget at a time, as every long job:
//   DigitStatisticsJob job(train);   // shares the dataset
//   while (!job.done()) job.step(0.010);
//   job.statistics().mean_image(3);
#pragma once

#include <array>
#include <memory>
#include <vector>

#include "core/data/dataset.hpp"

#include "core/common/types.hpp"

namespace digitlab {

class DigitStatistics {
 public:
  using Histogram = std::array<long long, 256>;

  explicit DigitStatistics(int pixel_count = 784, int n_classes = 10);

  // Adds rows first..first+count-1 of `pixels` with their labels (labels 0..n_classes-1).
  void add(const PixelMatrix& pixels, const Labels& labels, int first, int count);

  int pixel_count() const { return pixel_count_; }
  int n_classes() const { return n_classes_; }
  // Images seen of class `cls`; -1 means all classes (so for every accessor below).
  long long images(int cls = -1) const;
  Eigen::VectorXf mean_image(int cls = -1) const;  // 0..255 per pixel; zeros if no images
  const Histogram& histogram(int cls = -1) const;  // count of each value 0..255
  double mean_intensity(int cls = -1) const;       // mean pixel value, 0..255
  double share_of_value(int value, int cls = -1) const;  // e.g. share of pixels that are 0
  int min_value() const;  // smallest pixel value seen; 0 before any image
  int max_value() const;

 private:
  int index(int cls) const;  // histogram/sum slot: classes 0..K-1, all = K

  int pixel_count_, n_classes_;
  Eigen::MatrixXd sums_;            // (K + 1) x pixels: per class, then all
  std::vector<Histogram> histograms_;  // K + 1
  std::vector<long long> images_;      // K + 1
};

class DigitStatisticsJob {
 public:
  explicit DigitStatisticsJob(std::shared_ptr<const Dataset> digits);
  // Adds blocks of rows for about budget_seconds (at least one); returns progress 0..1.
  double step(double budget_seconds);
  bool done() const { return rows_done_ >= digits_->size(); }
  double progress() const { return digits_->size() ? static_cast<double>(rows_done_) / digits_->size() : 1.0; }
  int rows_done() const { return rows_done_; }
  const DigitStatistics& statistics() const { return statistics_; }

 private:
  std::shared_ptr<const Dataset> digits_;
  DigitStatistics statistics_;
  int rows_done_ = 0;
};

}  // namespace digitlab
