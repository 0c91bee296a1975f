// A fingerprint of the picture one ImGui frame puts on the canvas, so the frame loop can
// tell a page that is idle (each frame the same as the one before) from one where
// something moves, and present only the frames that change (app/logic/frame_pacing.hpp).
//
//   ImGui::Render();
//   const std::uint64_t now = drawn_fingerprint(*ImGui::GetDrawData(), {texture_uploads(), {r, g, b}, w, h});
//   if (now != before) ... something changed on the canvas
//
// It covers the vertices, indices and commands (clip rectangle, texture, counts, callback
// and its data pointer) of every draw list, the display's size and scale, and the rest of
// what sets the canvas's pixels (CanvasState). A callback's data pointer is taken as a
// value (colormap_rect's is the map itself) and not followed: add_cleared_box's
// (app/widgets/opaque_box.hpp) points at a box whose rounded corners ImGui draws in its
// colour, so the corners' vertices carry the box's place and colour.
#pragma once

#include <cstdint>

struct ImDrawData;

namespace digitlab::platform {

struct CanvasState {
  unsigned texture_uploads = 0;  // a count: an image changed in place draws the same vertices
  float clear_rgb[3] = {0, 0, 0};  // what the canvas is cleared to before ImGui draws
  int width = 0, height = 0;       // the drawing buffer, in device pixels
};

std::uint64_t drawn_fingerprint(const ImDrawData& data, const CanvasState& canvas);

}  // namespace digitlab::platform
