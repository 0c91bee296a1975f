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

// One rectangle in screen coordinates, on the framebuffer (the pixels whose centres it
// covers, as ImGui's quads fill them), within the command's clip rect as the backend
// scissors it (ImGui_ImplOpenGL3_RenderDrawData: truncated, bottom up).
void clear(float x0, float y0, float x1, float y1, const ImVec4& clip, const ImDrawData& data) {
  const ImVec2 off = data.DisplayPos, scale = data.FramebufferScale;
  const int fb_height = static_cast<int>(data.DisplaySize.y * scale.y);
  const ImVec2 clip_min((clip.x - off.x) * scale.x, (clip.y - off.y) * scale.y);
  const ImVec2 clip_max((clip.z - off.x) * scale.x, (clip.w - off.y) * scale.y);
  if (clip_max.x <= clip_min.x || clip_max.y <= clip_min.y) return;
  const int clip_left = static_cast<int>(clip_min.x), clip_bottom = static_cast<int>(fb_height - clip_max.y);
  const int clip_right = clip_left + static_cast<int>(clip_max.x - clip_min.x);
  const int clip_top = clip_bottom + static_cast<int>(clip_max.y - clip_min.y);  // GL's y: up
  const int left = std::max(clip_left, static_cast<int>(std::lround((x0 - off.x) * scale.x)));
  const int right = std::min(clip_right, static_cast<int>(std::lround((x1 - off.x) * scale.x)));
  const int bottom = std::max(clip_bottom, fb_height - static_cast<int>(std::lround((y1 - off.y) * scale.y)));
  const int top = std::min(clip_top, fb_height - static_cast<int>(std::lround((y0 - off.y) * scale.y)));
  if (right <= left || top <= bottom) return;
  glScissor(left, bottom, right - left, top - bottom);
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
