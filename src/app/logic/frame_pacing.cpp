#include "app/logic/frame_pacing.hpp"

namespace digitlab::app {

bool FramePacer::draws(double now_ms, bool training_in_workers) const {
  if (!drawn_once_) return true;
  const double since_drawn = now_ms - last_drawn_ms_;
  // While workers train, only input brings the full rate back: the picture changes at
  // every drawn frame then (the curves), which would otherwise keep it.
  if (training_in_workers)
    return now_ms - last_input_ms_ < kFullRateMs || since_drawn >= training_frame_ms_;
  return now_ms < awake_until_ms_ || since_drawn >= kIdleFrameMs;
}

double FramePacer::next_draw_ms(double now_ms, bool training_in_workers) const {
  if (draws(now_ms, training_in_workers)) return now_ms;
  return last_drawn_ms_ + (training_in_workers ? training_frame_ms_ : kIdleFrameMs);
}

bool FramePacer::drawn(double now_ms, std::uint64_t fingerprint, bool working) {
  // Every changed picture is presented, so the last drawn is the last presented.
  const bool changed = !drawn_once_ || fingerprint != fingerprint_;
  const bool present = changed || picture_lost_ || now_ms - last_presented_ms_ >= kRepresentMs;
  drawn_once_ = true;
  last_drawn_ms_ = now_ms;
  fingerprint_ = fingerprint;
  if (changed || working) wake(now_ms);
  if (present) {
    last_presented_ms_ = now_ms;
    picture_lost_ = false;
  }
  return present;
}

void FramePacer::input(double now_ms) {
  last_input_ms_ = now_ms;
  wake(now_ms);
}

}  // namespace digitlab::app
