// Which animation frames the page draws (src/app/logic/frame_pacing.hpp). The browser
// offers one every 1000/60 ms; these step through them by hand and count the drawn ones.
#include <catch2/catch.hpp>

#include <functional>

#include "app/logic/frame_pacing.hpp"

using namespace digitlab::app;

namespace {

constexpr double kAnimationFrameMs = 1000.0 / 60.0;

// Offers the animation frames in [from_ms, to_ms) and returns how many were drawn (and
// in *presented, if given, how many of those the pacer said to present). Each drawn
// frame's picture fingerprint comes from `picture` (the same one: nothing moves).
int drawn_between(FramePacer& pacer, double from_ms, double to_ms, bool training_in_workers,
                  const std::function<std::uint64_t(double)>& picture = [](double) { return 7u; },
                  bool working = false, int* presented = nullptr) {
  int drawn = 0;
  if (presented) *presented = 0;
  for (int i = 0; from_ms + i * kAnimationFrameMs < to_ms; ++i) {
    const double now = from_ms + i * kAnimationFrameMs;
    if (pacer.draws(now, training_in_workers)) {
      const bool present = pacer.drawn(now, picture(now), working);
      if (presented && present) ++*presented;
      ++drawn;
    }
  }
  return drawn;
}

}  // namespace

TEST_CASE("an idle page draws a frame every 250 ms once its last change is a second old", "[frame_pacing]") {
  FramePacer pacer;
  CHECK(pacer.draws(0.0, false));  // the first frame, whatever the clock
  // The first frame is a change: a second of full rate (60 frames), then about 4 frames
  // a second. Each idle frame comes on the first animation frame at least 250 ms after
  // the last drawn one: 15 animation frames fall a hair short in floating point, so 16
  // apart (266.7 ms), and 7 or 8 in the 2000 ms from 1000 ms.
  CHECK(drawn_between(pacer, 0.0, 1000.0, false) == 60);
  const int idle = drawn_between(pacer, 1000.0, 3000.0, false);
  CHECK(idle >= 7);
  CHECK(idle <= 8);
}

TEST_CASE("input, a call and a changing picture each bring a second of every frame", "[frame_pacing]") {
  FramePacer pacer;
  drawn_between(pacer, 0.0, 3000.0, false);  // idle by now
  REQUIRE_FALSE(pacer.draws(3000.0 + 0.5 * kAnimationFrameMs, false));

  SECTION("input") { pacer.input(3010.0); }
  SECTION("a call from the page's JavaScript") { pacer.wake(3010.0); }
  // Full rate from 3010 to 4010 ms: the 60 animation frames from 3010 on.
  CHECK(drawn_between(pacer, 3010.0, 4010.0 - 0.5 * kAnimationFrameMs, false) == 60);
  // Then the same still picture: a frame every 250-267 ms again (3 or 4 in 1000 ms).
  const int after = drawn_between(pacer, 4010.0, 5010.0, false);
  CHECK(after >= 3);
  CHECK(after <= 4);
}

TEST_CASE("a picture that moves keeps every frame; one that stops, a second more", "[frame_pacing]") {
  FramePacer pacer;
  drawn_between(pacer, 0.0, 3000.0, false);
  pacer.wake(3000.0);  // something started moving (a worker's result, a file)
  // Each drawn frame differs from the last (the picture is the time): every frame drawn.
  const auto moving = [](double now) { return static_cast<std::uint64_t>(now); };
  CHECK(drawn_between(pacer, 3000.0, 6000.0 - 0.5 * kAnimationFrameMs, false, moving) == 180);
  // It stops at 6000 ms: the frame drawn there is the last change, a second on; then
  // 7 or 8 frames in two seconds.
  CHECK(drawn_between(pacer, 6000.0, 7000.0 - 0.5 * kAnimationFrameMs, false) == 60);
  const int still = drawn_between(pacer, 7000.0, 9000.0, false);
  CHECK(still >= 7);
  CHECK(still <= 8);
}

TEST_CASE("a job sliced on the page's thread keeps every frame, even when the picture holds", "[frame_pacing]") {
  FramePacer pacer;
  drawn_between(pacer, 0.0, 3000.0, false);
  pacer.wake(3000.0);  // the call that started it
  const auto still = [](double) { return 7u; };
  CHECK(drawn_between(pacer, 3000.0, 6000.0 - 0.5 * kAnimationFrameMs, false, still, true) == 180);
  // Without the work (the same still picture): full rate for the second the last slice
  // woke (its frame at 5983 ms, so to 6983 ms: 59 frames, or 60 with the one on that
  // boundary), then 7 or 8 in two seconds.
  const int woken = drawn_between(pacer, 6000.0, 7000.0 - 0.5 * kAnimationFrameMs, false, still, false);
  CHECK(woken >= 59);
  CHECK(woken <= 60);
  const int idle = drawn_between(pacer, 7000.0, 9000.0, false, still, false);
  CHECK(idle >= 7);
  CHECK(idle <= 8);
}

TEST_CASE("while workers train, frames every 100 ms (250 ms on a CPU rasterizer), input aside", "[frame_pacing]") {
  FramePacer pacer;
  const auto moving = [](double now) { return static_cast<std::uint64_t>(now); };
  drawn_between(pacer, 0.0, 1000.0, false);
  // The curves change at every drawn frame, yet that does not bring the full rate back:
  // from 2000 to 4000 ms one frame a 100 ms, each on the first animation frame at or
  // after 100 ms from the last (so 6 or 7 frames apart): 17 to 20 of them.
  drawn_between(pacer, 1000.0, 2000.0, true, moving);
  const int hardware = drawn_between(pacer, 2000.0, 4000.0, true, moving);
  CHECK(hardware >= 17);
  CHECK(hardware <= 20);
  // Nor does a call from the page: wake() is for an idle page (8 to 10 in a second).
  pacer.wake(4000.0);
  const int woken = drawn_between(pacer, 4000.0, 5000.0, true, moving);
  CHECK(woken >= 8);
  CHECK(woken <= 10);

  pacer.set_software_rendering(true);
  CHECK(pacer.training_frame_ms() == kSoftwareTrainingFrameMs);
  const int software = drawn_between(pacer, 5000.0, 7000.0, true, moving);
  CHECK(software >= 7);
  CHECK(software <= 8);

  // Input does: every animation frame for a second, then 250 ms apart again.
  pacer.input(7000.0);
  CHECK(drawn_between(pacer, 7000.0, 8000.0 - 0.5 * kAnimationFrameMs, true, moving) == 60);
  const int later = drawn_between(pacer, 8000.0, 10000.0, true, moving);
  CHECK(later >= 7);
  CHECK(later <= 8);
}

TEST_CASE("when training ends, a worker's last report shows at once", "[frame_pacing]") {
  FramePacer pacer;
  pacer.set_software_rendering(true);
  drawn_between(pacer, 0.0, 1000.0, false);
  // Workers train, the picture holding still: frames 250-267 ms apart. Step to the
  // first frame drawn from 3000 ms on.
  drawn_between(pacer, 1000.0, 3000.0, true);
  double now = 3000.0;
  while (!pacer.draws(now, true)) now += kAnimationFrameMs;
  (void)pacer.drawn(now, 7u, false);
  // The last report arrives just after that frame and ends the run (the page calls
  // wake()): the very next animation frame draws the result. Without the wake, the next
  // frame would wait 250 ms.
  FramePacer unwoken = pacer;
  pacer.wake(now + 1.0);
  CHECK(pacer.draws(now + kAnimationFrameMs, false));
  CHECK_FALSE(unwoken.draws(now + kAnimationFrameMs, false));
}

// The page sleeps from a frame the pacer skips to next_draw_ms() (web_main.cpp), so that
// time must be the first animation frame draws() would take, never later, in every state.
TEST_CASE("the time the page sleeps to is the frame the pacer would draw next", "[frame_pacing]") {
  const auto moving = [](double now) { return static_cast<std::uint64_t>(now); };
  for (const bool software : {false, true})
    for (const bool training : {false, true}) {
      CAPTURE(software, training);
      FramePacer pacer;
      pacer.set_software_rendering(software);
      CHECK(pacer.next_draw_ms(0.0, training) == 0.0);  // the first frame draws at once
      // Training, the curves move; idle, the picture holds (else it keeps the full rate).
      drawn_between(pacer, 0.0, 3000.0, training, [&](double now) { return training ? moving(now) : 7u; });
      const double period = training ? pacer.training_frame_ms() : kIdleFrameMs;
      // After a drawn frame, the next is one period on: not a frame sooner.
      double now = 3000.0;
      while (!pacer.draws(now, training)) now += 1.0;
      (void)pacer.drawn(now, 7u, false);
      const double due = pacer.next_draw_ms(now + 1.0, training);
      CHECK(due == Approx(now + period));
      CHECK_FALSE(pacer.draws(due - 1.0, training));
      CHECK(pacer.draws(due, training));
      // Input or (an idle page) a wake draws at once.
      FramePacer touched = pacer;
      touched.input(now + 5.0);
      CHECK(touched.next_draw_ms(now + 5.0, training) == now + 5.0);
      FramePacer woken = pacer;
      woken.wake(now + 5.0);
      CHECK(woken.next_draw_ms(now + 5.0, training) == (training ? due : now + 5.0));
    }
}

// A frame drawn is put on the canvas only when its picture changed (web_main.cpp): the
// browser shows the last one presented until then, and presenting the same picture again
// costs a whole frame of rasterizing and compositing.
TEST_CASE("a drawn frame is presented when its picture changes, when the canvas lost it, and 2 s on", "[frame_pacing]") {
  FramePacer pacer;
  int presented = 0;
  // A still picture: the first frame is presented, the next 59 of the full-rate second
  // are not, nor the idle ones up to 2000 ms; the first at or after 2000 ms is (the net).
  CHECK(drawn_between(pacer, 0.0, 1000.0, false, [](double) { return 7u; }, false, &presented) == 60);
  CHECK(presented == 1);
  drawn_between(pacer, 1000.0, 1990.0, false, [](double) { return 7u; }, false, &presented);
  CHECK(presented == 0);
  drawn_between(pacer, 1990.0, 3000.0, false, [](double) { return 7u; }, false, &presented);
  CHECK(presented == 1);

  // A picture that changes at every frame: every drawn frame presented.
  pacer.wake(3000.0);
  const auto moving = [](double now) { return static_cast<std::uint64_t>(now); };
  const int drawn = drawn_between(pacer, 3000.0, 4000.0, false, moving, false, &presented);
  CHECK(drawn == 60);
  CHECK(presented == drawn);

  // The same picture, but the canvas lost it (a resize, a restored context): the next
  // drawn frame is presented, then the still picture is not again.
  double now = 4000.0;
  while (!pacer.draws(now, false)) now += kAnimationFrameMs;
  CHECK(pacer.drawn(now, 4242u, false));  // the last picture, changed once more
  now += kAnimationFrameMs;
  while (!pacer.draws(now, false)) now += kAnimationFrameMs;
  CHECK_FALSE(pacer.drawn(now, 4242u, false));
  pacer.picture_lost();
  now += kAnimationFrameMs;
  while (!pacer.draws(now, false)) now += kAnimationFrameMs;
  CHECK(pacer.drawn(now, 4242u, false));
  now += kAnimationFrameMs;
  while (!pacer.draws(now, false)) now += kAnimationFrameMs;
  CHECK_FALSE(pacer.drawn(now, 4242u, false));
}
