// The SDL events of a frame, handed to Dear ImGui so that no key press is lost.
#pragma once

namespace digitlab::platform {

// Polls SDL's queue and passes the events to ImGui's SDL2 backend, holding back what a
// frame cannot show (see input_events.cpp). True when any event reached ImGui or waits.
bool pass_frame_events();

}  // namespace digitlab::platform
