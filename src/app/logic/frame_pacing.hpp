// Which of the browser's animation frames the page draws (src/platform/web_main.cpp asks
// at each one its loop runs, and sleeps until next_draw_ms() between). Drawing every animation frame costs a core's share even when nothing
// moves, and while Web Workers train it takes that share from them, so:
//   - while workers train and the learner does nothing, a frame every 100 ms (250 ms
//     where WebGL runs on the CPU): progress and curves still move;
//   - an idle page, a frame every 250 ms;
//   - every animation frame for a second after input, and (when no worker trains) after
//     anything else that changes the app: a call from the page's JavaScript, a frame
//     whose work advanced a job on the page's thread (each frame carries a slice of it),
//     or a drawn frame that differs from the one before.
// A drawn frame is put on the canvas (presented) only when its picture differs from the
// last one presented: an unchanged canvas costs the browser nothing to show again, where
// presenting the same picture costs the rasterizer and the compositor a whole frame.
// Times are milliseconds on one clock (emscripten_get_now()).
//
//   FramePacer pacer;
//   pacer.set_software_rendering(true);
//   if (pacer.draws(now, training_in_workers)) {
//     build the frame;
//     if (pacer.drawn(now, fingerprint, working)) present it;
//   } else sleep until pacer.next_draw_ms(now, training_in_workers), or input, or a wake
//   pacer.input(now);   pacer.wake(now);   pacer.picture_lost();   // as they happen
#pragma once

#include <cstdint>

namespace digitlab::app {

// While workers train: a frame every kTrainingFrameMs. Measured on the 2-core machine
// without a GPU: PCA 30 + degree 2 on 58,000 digits with 2 workers, 20.6 ms a pass with
// no frames drawn, 42 ms at 60 frames a second. Where WebGL runs on the CPU (SwiftShader,
// llvmpipe: no GPU, or one the browser will not use) a frame costs the rasterizer about
// 44 ms of a core at 1280x800, so the frames come further apart there: over the same 18 s
// of that fit, a frame every 100 ms left the workers 130% of the two cores (536 passes),
// one every 250 ms 154% (641 passes).
constexpr double kTrainingFrameMs = 100.0, kSoftwareTrainingFrameMs = 250.0;
// An idle page: measured on the same machine (Chromium, SwiftShader), the page doing
// nothing on the Draw panel drew 36 frames a second at 1280x800 and 60 at 390x844, and
// Chromium took 182% and 136% of a core for them (with a GPU it is a phone's or a
// tablet's battery); a frame every 250 ms took it to 27% and 19%.
constexpr double kIdleFrameMs = 250.0;
// How long input or a change keeps every animation frame drawn.
constexpr double kFullRateMs = 1000.0;
// The longest a drawn frame goes unpresented while its picture holds: a net under the
// fingerprint, should the browser ever drop a canvas's picture in a way it cannot see
// (the ways known call picture_lost()). Measured on the 2-core machine (Chromium,
// SwiftShader, 1280x800, the Train panel idle after a run): presenting each idle frame
// took the GPU process 12.6% of a core, presenting none 0.3%.
constexpr double kRepresentMs = 2000.0;

class FramePacer {
 public:
  // WebGL drawn on the CPU: training frames every kSoftwareTrainingFrameMs.
  void set_software_rendering(bool software) { training_frame_ms_ = software ? kSoftwareTrainingFrameMs : kTrainingFrameMs; }
  double training_frame_ms() const { return training_frame_ms_; }

  // Whether the animation frame at now_ms draws (the first one always does).
  bool draws(double now_ms, bool training_in_workers) const;
  // When the next frame draws if nothing happens meanwhile (no input, no wake()): now_ms
  // where draws() says yes, else the training or idle period after the last drawn frame.
  // The page sleeps until then instead of being offered every animation frame.
  double next_draw_ms(double now_ms, bool training_in_workers) const;
  // The frame at now_ms was drawn. A picture unlike the last one (its fingerprint), or
  // a slice of a job on this thread (working), keeps the full rate for a second.
  // Returns whether to present it: the first frame, a picture unlike the last one
  // presented, the first after picture_lost(), or the same picture kRepresentMs on.
  [[nodiscard]] bool drawn(double now_ms, std::uint64_t fingerprint, bool working);
  // The canvas lost, or may have lost, what it showed (the WebGL context was restored,
  // the font atlas made again, a resize event, the tab shown again): the next drawn frame
  // is presented, whatever its fingerprint.
  void picture_lost() { picture_lost_ = true; }

  // Input (pointer, touch, keys, wheel, resize): full rate for a second, training or not.
  void input(double now_ms);
  // The app changed some other way (the page's JavaScript, the Train panel's worker
  // reporting): full rate for a second, unless workers train.
  void wake(double now_ms) { awake_until_ms_ = now_ms + kFullRateMs; }

 private:
  bool drawn_once_ = false;
  double training_frame_ms_ = kTrainingFrameMs;
  double last_drawn_ms_ = 0.0;
  double last_input_ms_ = -kFullRateMs;  // no input yet
  double awake_until_ms_ = 0.0;
  double last_presented_ms_ = 0.0;
  bool picture_lost_ = false;
  std::uint64_t fingerprint_ = 0;  // the last frame's, drawn and presented
};

}  // namespace digitlab::app
