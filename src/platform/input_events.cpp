// ImGui 1.86's SDL2 backend records a key's state, not its presses: a key pressed and
// released between two frames (a quick tap while a frame is slow, or a test's
// keyboard.press) leaves KeysDown false and ImGui never sees it. As ImGui 1.87's input
// queue does, a key's release that arrives in the frame of its press waits for the next
// frame, and every event after it waits too, so the order is kept (Shift+Tab, then text).
// The backend reads Shift, Ctrl and Alt from SDL's state at polling time, which is already
// past the events held back; each key event's own modifiers are used instead.
#include "platform/input_events.hpp"

#include <SDL.h>

#include <algorithm>
#include <deque>
#include <vector>

#include "imgui.h"
#include "imgui_impl_sdl.h"

namespace digitlab::platform {
namespace {

std::deque<SDL_Event> g_waiting;  // events held for the next frame, in arrival order

void pass_to_imgui(const SDL_Event& event) {
  ImGui_ImplSDL2_ProcessEvent(&event);
  if (event.type == SDL_KEYDOWN || event.type == SDL_KEYUP) {
    ImGuiIO& io = ImGui::GetIO();
    const Uint16 mod = event.key.keysym.mod;
    io.KeyShift = (mod & KMOD_SHIFT) != 0;
    io.KeyCtrl = (mod & KMOD_CTRL) != 0;
    io.KeyAlt = (mod & KMOD_ALT) != 0;
    io.KeySuper = (mod & KMOD_GUI) != 0;
  }
}

}  // namespace

bool pass_frame_events() {
  std::deque<SDL_Event> events;
  events.swap(g_waiting);
  SDL_Event event;
  while (SDL_PollEvent(&event)) events.push_back(event);

  bool passed = false;
  std::vector<SDL_Scancode> pressed_this_frame;
  while (!events.empty()) {
    const SDL_Event& next = events.front();
    const bool released_too_soon =
        next.type == SDL_KEYUP &&
        std::find(pressed_this_frame.begin(), pressed_this_frame.end(), next.key.keysym.scancode) !=
            pressed_this_frame.end();
    if (released_too_soon) break;
    if (next.type == SDL_KEYDOWN) pressed_this_frame.push_back(next.key.keysym.scancode);
    pass_to_imgui(next);
    passed = true;
    events.pop_front();
  }
  g_waiting = std::move(events);
  return passed || !g_waiting.empty();
}

}  // namespace digitlab::platform
