#include "app/widgets/opaque_box.hpp"

#include <algorithm>

namespace digitlab::app {

void add_opaque_box(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, float rounding) {
  const float corner = std::min(rounding, std::min(max.x - min.x, max.y - min.y) / 2);  // < 1 for an empty box
  // Square or see-through: ImGui's quads. (A rounded box's corner quads also carry its
  // place and colour into the frame's fingerprint, drawn_fingerprint.hpp, which does not
  // read a callback's data.)
  if (((color >> IM_COL32_A_SHIFT) & 0xFF) != 0xFF || corner < 1.0f) {
    draw->AddRectFilled(min, max, color, rounding);
    return;
  }
  add_cleared_box(draw, min, max, color, corner);
  const ImVec2 c(corner, corner);
  draw->AddRectFilled(min, ImVec2(min.x + c.x, min.y + c.y), color, corner, ImDrawFlags_RoundCornersTopLeft);
  draw->AddRectFilled(ImVec2(max.x - c.x, min.y), ImVec2(max.x, min.y + c.y), color, corner, ImDrawFlags_RoundCornersTopRight);
  draw->AddRectFilled(ImVec2(min.x, max.y - c.y), ImVec2(min.x + c.x, max.y), color, corner, ImDrawFlags_RoundCornersBottomLeft);
  draw->AddRectFilled(ImVec2(max.x - c.x, max.y - c.y), max, color, corner, ImDrawFlags_RoundCornersBottomRight);
}

}  // namespace digitlab::app
