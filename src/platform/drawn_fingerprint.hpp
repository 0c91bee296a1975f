// A fingerprint of what one ImGui frame draws, so the frame loop can tell a page that is
// idle (each frame the same as the one before) from one where something moves.
//
//   ImGui::Render();
//   const std::uint64_t now = drawn_fingerprint(*ImGui::GetDrawData(), texture_uploads());
//   if (now != before) ... something changed on the canvas
//
// It covers the vertices, indices and commands (clip rectangle, texture, counts) of every
// draw list, the display's size and scale, and a count of texture uploads (an image
// changed in place draws the same vertices).
#pragma once

#include <cstdint>

struct ImDrawData;

namespace digitlab::platform {

std::uint64_t drawn_fingerprint(const ImDrawData& data, unsigned texture_uploads);

}  // namespace digitlab::platform
