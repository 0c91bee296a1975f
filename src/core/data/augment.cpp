#include "core/data/augment.hpp"

#include <chrono>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <vector>

#include "core/data/random_draws.hpp"

namespace digitlab {

void rotate_image(const std::uint8_t* in, std::uint8_t* out, int side, double degrees) {
  const double radians = degrees * M_PI / 180.0;
  const double c = std::cos(radians), s = std::sin(radians);
  const double centre = (side - 1) / 2.0;
  auto at = [&](int x, int y) -> double { return x >= 0 && y >= 0 && x < side && y < side ? in[y * side + x] : 0.0; };
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      // Screen coordinates have y down, so a counter-clockwise turn by theta maps
      // (dx, dy) to (dx cos + dy sin, -dx sin + dy cos); each output pixel reads the
      // source through the inverse turn.
      const double dx = x - centre, dy = y - centre;
      const double sx = centre + dx * c - dy * s, sy = centre + dx * s + dy * c;
      const double fx = std::floor(sx), fy = std::floor(sy);
      const double ax = sx - fx, ay = sy - fy;
      const int x0 = static_cast<int>(fx), y0 = static_cast<int>(fy);
      const double v = (1 - ax) * (1 - ay) * at(x0, y0) + ax * (1 - ay) * at(x0 + 1, y0) +
                       (1 - ax) * ay * at(x0, y0 + 1) + ax * ay * at(x0 + 1, y0 + 1);
      out[y * side + x] = static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L));
    }
  }
}

void shift_image(const std::uint8_t* in, std::uint8_t* out, int side, int dx, int dy) {
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x) {
      const int sx = x - dx, sy = y - dy;
      out[y * side + x] = sx >= 0 && sy >= 0 && sx < side && sy < side ? in[sy * side + sx] : 0;
    }
}

void add_noise(std::uint8_t* image, int count, double sigma, std::mt19937& rng) {
  if (sigma <= 0) return;
  for (int i = 0; i < count; ++i) {
    const double v = image[i] + sigma * standard_normal(rng);
    image[i] = static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L));
  }
}

void augment_image(const std::uint8_t* in, std::uint8_t* out, int side, const AugmentSettings& s, std::mt19937& rng) {
  std::vector<std::uint8_t> turned(static_cast<std::size_t>(side * side));
  const double degrees = s.max_rotation_degrees * (2.0 * uniform01(rng) - 1.0);
  rotate_image(in, turned.data(), side, degrees);
  const int dx = uniform_int(rng, -s.max_shift, s.max_shift);
  const int dy = uniform_int(rng, -s.max_shift, s.max_shift);
  shift_image(turned.data(), out, side, dx, dy);
  add_noise(out, side * side, s.noise_sigma, rng);
}

Dataset augment_dataset(const Dataset& data, const AugmentSettings& s, std::uint32_t seed, bool keep_originals) {
  AugmentJob job(data, s, seed, keep_originals);
  while (!job.done()) job.step(1e9);
  return job.take();
}

AugmentJob::AugmentJob(const Dataset& data, const AugmentSettings& s, std::uint32_t seed, bool keep_originals)
    : data_(data), settings_(s), rng_(seed) {
  if (data.image_rows != data.image_cols) throw DataError("augment_dataset: square images only");
  assert(s.copies >= 0 && s.max_shift >= 0);
  const int n = data.size();
  first_ = keep_originals ? n : 0;
  total_ = n * s.copies;
  out_.name = data.name + " (augmented)";
  out_.image_rows = out_.image_cols = data.image_rows;
  out_.n_classes = data.n_classes;
  out_.pixels.resize(first_ + total_, data.pixel_count());
  out_.labels.reserve(static_cast<std::size_t>(first_ + total_));
  if (keep_originals) {
    out_.pixels.topRows(n) = data.pixels;
    out_.labels = data.labels;
  }
}

double AugmentJob::step(double budget_seconds) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const int n = data_.size(), side = data_.image_rows;
  // Copy after copy, each in the order of `data`: the draws come in that order.
  while (!done()) {
    const int i = next_ % n;
    augment_image(data_.pixels.row(i).data(), out_.pixels.row(first_ + next_).data(), side, settings_, rng_);
    out_.labels.push_back(data_.labels[static_cast<std::size_t>(i)]);
    ++next_;
    if (std::chrono::duration<double>(Clock::now() - started).count() >= budget_seconds) break;
  }
  return fraction();
}

Dataset AugmentJob::take() {
  assert(done() && "AugmentJob::take before done");
  return std::move(out_);
}

}  // namespace digitlab
