// The page's main loop sleeps between the frames it draws (issue 12): which animation
// frames draw is the FramePacer's (src/app/logic/frame_pacing.hpp: fewer while workers
// train, few on an idle page); between them the loop is paused
// (emscripten_pause_main_loop) rather than offered every animation frame only to skip
// it, since each requested animation frame costs Chromium its own work even when nothing
// is drawn. Measured in headless Chromium on SwiftShader at 1280x800, the Train panel
// idle (4 frames drawn a second): 113 ms a second in the GPU process and 73 in the
// renderer when offered every animation frame, 101 and 25 asleep between the 4. While
// workers train, that is time taken from them.
//
// Three things end a sleep: an alarm when the pacer's next frame is due, any input (SDL's
// event watch), and a call from the page's JavaScript that changed the app (wake()).
//
//   LoopSleep sleep(pacer, training_in_workers, restart_frame_clock);
//   SDL_AddEventWatch(LoopSleep::on_sdl_event, &sleep);
//   sleep.until_due();   // at the end of each run of the main loop
//   sleep.wake();        // in every function JavaScript calls that changes the app
#pragma once

#include <SDL.h>

#include "app/logic/frame_pacing.hpp"

namespace digitlab::platform {

class LoopSleep {
 public:
  using Training = bool (*)();  // whether workers are training (the pacer's pace)
  using Resumed = void (*)();   // the loop runs again: the app restarts its frame clock
  LoopSleep(app::FramePacer& pacer, Training training, Resumed resumed)
      : pacer_(pacer), training_(training), resumed_(resumed) {}

  // Sleeps until the next frame that draws, unless the next animation frame is about
  // as soon.
  void until_due();
  // A call from JavaScript. Whether it makes a frame due is known only once the call has
  // changed the app (a worker's last report ends the run), so that is looked at just
  // after it, in a timeout of 0 ms; if none is due, the alarm is set again, as the call
  // may have changed when the next one is (Train on an idle page: 250 ms to 100).
  void wake();
  void resume();
  bool asleep() const { return asleep_; }
  // For SDL_AddEventWatch, with the LoopSleep as its data: input resumes the loop at once,
  // as SDL's handlers queue each event.
  static int on_sdl_event(void* sleep, SDL_Event*);

 private:
  void set_alarm(double now);

  app::FramePacer& pacer_;
  Training training_;
  Resumed resumed_;
  bool asleep_ = false;
  long alarm_ = 0;  // the timeout that ends the sleep (while asleep)
};

}  // namespace digitlab::platform
