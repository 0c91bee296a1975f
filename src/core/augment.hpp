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

#include "dataset.hpp"

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

}  // namespace digitlab
