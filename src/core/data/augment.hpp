// Data augmentation for square grayscale digits: rotation, shift and noise, the three
// the tutorial asks about ("rotations, scaling, or noise addition") as plain functions
// on one image, and a whole dataset grown by augmented copies.
//
//   std::uint8_t out[784];
//   rotate_image(in, out, 28, 15.0);      // 15 degrees counter-clockwise on screen
//   shift_image(in, out, 28, 2, -1);      // 2 px right, 1 px up
//   Dataset bigger = augment_dataset(train, {.max_rotation_degrees = 15, .copies = 1}, 7);
#pragma once

#include <cstdint>
#include <random>

#include "core/data/dataset.hpp"

namespace digitlab {

// About the image centre ((side - 1) / 2), bilinear; what comes from outside is 0.
void rotate_image(const std::uint8_t* in, std::uint8_t* out, int side, double degrees);
// dx to the right, dy down; vacated pixels are 0.
void shift_image(const std::uint8_t* in, std::uint8_t* out, int side, int dx, int dy);
// Adds normal noise of standard deviation sigma (pixel units) to every pixel, clipped to 0..255.
void add_noise(std::uint8_t* image, int count, double sigma, std::mt19937& rng);

struct AugmentSettings {
  double max_rotation_degrees = 15.0;  // each copy: uniform in [-max, max]
  int max_shift = 2;                   // each copy: dx, dy uniform integers in [-max, max]
  double noise_sigma = 0.0;            // pixel units
  int copies = 1;                      // augmented copies per original
};

// One image transformed by random draws from `s`: rotation, then shift, then noise.
void augment_image(const std::uint8_t* in, std::uint8_t* out, int side, const AugmentSettings& s, std::mt19937& rng);

// `data` followed by s.copies augmented copies of every image (labels kept); with
// keep_originals false, only the copies. Square images only.
Dataset augment_dataset(const Dataset& data, const AugmentSettings& s, std::uint32_t seed, bool keep_originals = true);

// The same a few images at a time, for a frame loop (noise costs a normal draw per
// pixel): step() until done(), then take() the dataset augment_dataset would give.
//   AugmentJob job(train, settings, 11);
//   while (!job.done()) job.step(0.010);
//   Dataset grown = job.take();
class AugmentJob {
 public:
  // `data` must outlive the job.
  AugmentJob(const Dataset& data, const AugmentSettings& s, std::uint32_t seed, bool keep_originals = true);
  // Augments copies for about budget_seconds (at least one); returns fraction().
  double step(double budget_seconds);
  bool done() const { return next_ >= total_; }
  double fraction() const { return total_ ? static_cast<double>(next_) / total_ : 1.0; }
  Dataset take();         // requires done(); the job is empty afterwards

 private:
  const Dataset& data_;
  AugmentSettings settings_;
  std::mt19937 rng_;
  Dataset out_;
  int first_ = 0;  // where the copies start in out_
  int next_ = 0, total_ = 0;
};

}  // namespace digitlab
