#include "app/widgets/opaque_box.hpp"

#include <algorithm>

namespace digitlab::app {

void add_opaque_box(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, float rounding) {
  // The radius ImGui gives the whole box (ImDrawList::PathRect); < 1 for an empty box.
  const float corner = std::min(rounding, std::min(max.x - min.x, max.y - min.y) * 0.5f - 1.0f);
  // Square or see-through: ImGui's quads. (A rounded box's corner quads also carry its
  // place and colour into the frame's fingerprint, drawn_fingerprint.hpp, which does not
  // read a callback's data.)
  if (((color >> IM_COL32_A_SHIFT) & 0xFF) != 0xFF || corner < 1.0f) {
    draw->AddRectFilled(min, max, color, rounding);
    return;
  }
  add_cleared_box(draw, min, max, color, corner);
  // Each corner a square a pixel wider than its radius: PathRect rounds one corner of a
  // square by at most its side less a pixel, and the square's inner edges (blended over
  // the box's colour) then lie on cleared pixels, leaving no seam where the clears stop
  // at a fractional coordinate.
  const float side = corner + 1.0f;
  draw->AddRectFilled(min, ImVec2(min.x + side, min.y + side), color, corner, ImDrawFlags_RoundCornersTopLeft);
  draw->AddRectFilled(ImVec2(max.x - side, min.y), ImVec2(max.x, min.y + side), color, corner, ImDrawFlags_RoundCornersTopRight);
  draw->AddRectFilled(ImVec2(min.x, max.y - side), ImVec2(min.x + side, max.y), color, corner, ImDrawFlags_RoundCornersBottomLeft);
  draw->AddRectFilled(ImVec2(max.x - side, max.y - side), max, color, corner, ImDrawFlags_RoundCornersBottomRight);
}

}  // namespace digitlab::app
