// An opaque box with rounded corners, for the large ones a panel draws (a plot's
// background). Where WebGL runs on the CPU (SwiftShader, llvmpipe: no GPU, or one the
// browser will not use), ImGui's blended quads are rasterized a pixel at a time, and the
// Train panel's two curve boxes (about 820 x 170 px each at 1280x800) took about 5 ms of
// a 30 ms frame: SwiftShader's threads took 11.5-14.7% of a core on the idle panel (4
// frames a second), 10.2% with no boxes at all (README, "The validation slice scored in
// the other worker"). So the box's straight part is filled by the platform with scissored
// clears, in its place among ImGui's draw commands, and only its four rounded corners are
// drawn by ImGui: 10.6-12.0%.
//
//   add_opaque_box(ImGui::GetWindowDrawList(), min, max, IM_COL32(24, 26, 31, 255), 4.0f);
#pragma once

#include <imgui.h>

namespace digitlab::app {

// A box of one opaque colour with corners rounded by at least a pixel (any other is
// drawn as ImGui draws it).
void add_opaque_box(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, float rounding);

// The platform's part (WebGL: src/platform/gl_cleared_box.cpp): fills the box, clipped
// to the draw list's clip rect, except a `corner` x `corner` square at each corner.
void add_cleared_box(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, float corner);

}  // namespace digitlab::app
