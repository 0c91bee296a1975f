#include "platform/loop_sleep.hpp"

#include <emscripten.h>
#include <emscripten/eventloop.h>

namespace digitlab::platform {

void LoopSleep::resume() {
  if (!asleep_) return;
  asleep_ = false;
  emscripten_clear_timeout(alarm_);
  // The frame clock starts again here, so the longest frame while training (app.cpp)
  // measures how late a frame came once due, not the sleep before it.
  resumed_();
  emscripten_resume_main_loop();  // its next run is at the next animation frame
}

void LoopSleep::set_alarm(double now) {
  const double due = pacer_.next_draw_ms(now, training_());
  alarm_ = emscripten_set_timeout([](void* self) { static_cast<LoopSleep*>(self)->resume(); }, due - now, this);
}

void LoopSleep::until_due() {
  const double now = emscripten_get_now();
  const double due = pacer_.next_draw_ms(now, training_());
  if (asleep_ || due - now < 1000.0 / 60.0) return;
  emscripten_pause_main_loop();
  asleep_ = true;
  set_alarm(now);
}

void LoopSleep::wake() {
  pacer_.wake(emscripten_get_now());
  if (!asleep_) return;
  emscripten_set_timeout([](void* data) {
    LoopSleep& self = *static_cast<LoopSleep*>(data);
    if (!self.asleep_) return;
    const double now = emscripten_get_now();
    if (self.pacer_.draws(now, self.training_())) {
      self.resume();
    } else {
      emscripten_clear_timeout(self.alarm_);
      self.set_alarm(now);
    }
  }, 0.0, this);
}

int LoopSleep::on_sdl_event(void* sleep, SDL_Event*) {
  static_cast<LoopSleep*>(sleep)->resume();
  return 0;
}

}  // namespace digitlab::platform
