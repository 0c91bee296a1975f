// What this frame's layout left out of sight, for the browser tests (issue 13: nothing cut
// off at the right edge, everything reachable by vertical scrolling alone). Read after the
// frame's windows have ended, before ImGui::Render().
//
// A window is "cut" when the items laid out in it reach past its visible right edge (its
// inner clip rectangle), and "unreachable" when a window without a scrollbar holds items
// below its bottom edge. Items are what ImGui measures (ItemSize): widgets, text, images,
// child windows; shapes a widget paints outside its own rectangle are not seen.
#pragma once

#include <string>
#include <vector>

namespace digitlab::app {

struct LayoutOverflow {
  std::string window;  // ImGui's window name, "Digit Lab/panel_1A2B3C4D" for a child
  float by = 0;        // CSS px past the edge
};

struct LayoutReport {
  float width = 0, height = 0;  // the viewport, CSS px
  float rightmost = 0;          // the largest right edge of an item in any window
  float frame_height = 0;       // a button's or a slider's height (touch: 36)
  float touch_target = 0;       // ... and the height a touch finds it in (touch: 44)
  float font_size = 0;          // the text's height, CSS px
  std::vector<LayoutOverflow> cut, unreachable;
  // Tabs drawn this frame narrower than their title (ImGui then cuts it: "Eval..."):
  // the title, and by how much.
  std::vector<LayoutOverflow> cut_tabs;
};

LayoutReport check_layout();

}  // namespace digitlab::app
