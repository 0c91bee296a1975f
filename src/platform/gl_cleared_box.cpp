// add_cleared_box (app/widgets/opaque_box.hpp) for WebGL: a draw callback that fills the
// box with scissored clears when the OpenGL backend reaches it, so what is drawn before
// it lies under it and what comes after on top, as for ImGui's own commands. (The
// backend sets the scissor again for every command after a callback.)
#include <GLES3/gl3.h>

#include <algorithm>
#include <cmath>
#include <deque>

#include "app/widgets/opaque_box.hpp"

namespace digitlab::app {

namespace {

struct ClearedBox {
  ImVec2 min, max;
  ImU32 color;
  float corner;
};
std::deque<ClearedBox> g_boxes;  // this frame's (a deque: the callbacks hold pointers into it)
int g_boxes_frame = -1;

// One rectangle in screen coordinates, within `clip`, on the framebuffer: the pixels whose
// centres it covers, as ImGui's quads fill them.
void clear(float x0, float y0, float x1, float y1, const ImVec4& clip, const ImDrawData& data) {
  x0 = std::max(x0, clip.x);
  y0 = std::max(y0, clip.y);
  x1 = std::min(x1, clip.z);
  y1 = std::min(y1, clip.w);
  if (!(x1 > x0 && y1 > y0)) return;
  const ImVec2 off = data.DisplayPos, scale = data.FramebufferScale;
  const long fb_height = std::lround(data.DisplaySize.y * scale.y);
  const long left = std::lround((x0 - off.x) * scale.x), right = std::lround((x1 - off.x) * scale.x);
  const long top = std::lround((y0 - off.y) * scale.y), bottom = std::lround((y1 - off.y) * scale.y);
  if (right <= left || bottom <= top) return;
  glScissor(static_cast<GLint>(left), static_cast<GLint>(fb_height - bottom), static_cast<GLsizei>(right - left),
            static_cast<GLsizei>(bottom - top));
  glClear(GL_COLOR_BUFFER_BIT);
}

void clear_box(const ImDrawList*, const ImDrawCmd* cmd) {
  const ClearedBox& b = *static_cast<const ClearedBox*>(cmd->UserCallbackData);
  const ImDrawData* data = ImGui::GetDrawData();
  if (!data) return;
  const ImVec4 c = ImGui::ColorConvertU32ToFloat4(b.color);
  glClearColor(c.x, c.y, c.z, 1.0f);
  const float r = b.corner;
  clear(b.min.x + r, b.min.y, b.max.x - r, b.max.y, cmd->ClipRect, *data);      // the middle, top to bottom
  clear(b.min.x, b.min.y + r, b.min.x + r, b.max.y - r, cmd->ClipRect, *data);  // the left edge
  clear(b.max.x - r, b.min.y + r, b.max.x, b.max.y - r, cmd->ClipRect, *data);  // the right edge
}

}  // namespace

void add_cleared_box(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, float corner) {
  if (ImGui::GetFrameCount() != g_boxes_frame) {
    g_boxes.clear();
    g_boxes_frame = ImGui::GetFrameCount();
  }
  g_boxes.push_back({min, max, color, corner});
  draw->AddCallback(clear_box, &g_boxes.back());
}

}  // namespace digitlab::app
