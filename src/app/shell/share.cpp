#include "app/shell/share.hpp"

#include <imgui.h>

#include "app/widgets/layout.hpp"
#include "app/widgets/widgets.hpp"

namespace digitlab::app {

namespace {

constexpr const char* kCopyLink = "Copy link";
constexpr const char* kCopyEmbed = "Copy embed code";

float button_width(const char* label) { return ImGui::CalcTextSize(label).x + 2 * ImGui::GetStyle().FramePadding.x; }

}  // namespace

float share_buttons_width(bool with_embed_code) {
  float width = button_width(kCopyLink);
  if (with_embed_code) width += ImGui::GetStyle().ItemSpacing.x + button_width(kCopyEmbed);
  return width;
}

void share_buttons(AppState& s, bool with_embed_code) {
  same_line_if_room(button_width(kCopyLink));
  if (compact_button(kCopyLink)) s.share_request = "link";
  if (ImGui::IsItemHovered()) wrapped_tooltip("The address of this view, with its settings, for a colleague or a handout");
  if (!with_embed_code) return;
  same_line_if_room(button_width(kCopyEmbed));
  if (compact_button(kCopyEmbed)) s.share_request = "embed";
  if (ImGui::IsItemHovered()) wrapped_tooltip("An <iframe> that shows this panel alone in another web page");
}

void share_copied(AppState& s, const std::string& what, bool copied) {
  const bool link = what != "embed";
  if (copied) {
    set_notice(s, link ? "Link copied: it opens this view with its settings." : "Embed code copied: paste it into a web page.");
  } else {
    set_notice(s, std::string("The browser did not let the page copy (the clipboard needs https, and in an iframe "
                              "allow=\"clipboard-write\"): the ") + (link ? "link" : "embed code") +
                      " is shown at the top of the page, selected, to copy with Ctrl+C or a long press.", true);
  }
  s.notice_for_embed = true;
}

}  // namespace digitlab::app
