#include "app/widgets/layout_check.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // the windows' cursor extents (CursorMaxPos) and clip rectangles

#include <algorithm>

namespace digitlab::app {

namespace {

// Half a pixel of rounding is no overflow.
constexpr float kTolerance = 0.5f;

}  // namespace

LayoutReport check_layout() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  LayoutReport report;
  report.width = g.IO.DisplaySize.x;
  report.height = g.IO.DisplaySize.y;
  report.frame_height = ImGui::GetFrameHeight();
  report.touch_target = report.frame_height + 2 * g.Style.TouchExtraPadding.y;
  report.font_size = ImGui::GetFontSize();
  for (const ImGuiWindow* window : g.Windows) {
    // Windows drawn this frame; tooltips and popups size themselves to their contents.
    if (!window->Active || window->Hidden) continue;
    if (window->Flags & (ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_Popup)) continue;
    const ImVec2 reach = window->DC.CursorMaxPos;
    report.rightmost = std::max(report.rightmost, reach.x);
    const float right = std::min(window->InnerClipRect.Max.x, report.width);
    if (reach.x > right + kTolerance) report.cut.push_back({window->Name, reach.x - right});
    if ((window->Flags & ImGuiWindowFlags_NoScrollbar) && reach.y > window->InnerClipRect.Max.y + kTolerance)
      report.unreachable.push_back({window->Name, reach.y - window->InnerClipRect.Max.y});
  }
  for (int n = 0; n < g.TabBars.GetMapSize(); ++n) {
    const ImGuiTabBar* bar = g.TabBars.TryGetMapData(n);
    if (!bar || bar->CurrFrameVisible != g.FrameCount) continue;
    for (const ImGuiTabItem& tab : bar->Tabs)
      if (tab.LastFrameVisible == g.FrameCount && tab.Width + kTolerance < tab.ContentWidth)
        report.cut_tabs.push_back({bar->GetTabName(&tab), tab.ContentWidth - tab.Width});
  }
  return report;
}

}  // namespace digitlab::app
