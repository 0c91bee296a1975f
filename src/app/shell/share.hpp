// Sharing what the page shows (issue 15): "Copy link", and in an embedded panel "Copy
// embed code" (an <iframe> snippet). Only the page can reach the clipboard, so a button
// asks it (PageRequests.copy, app.hpp); web/address.js copies and answers with
// share_copied, which the notice reports.
#pragma once

#include <string>

#include "app/shell/app_state.hpp"

namespace digitlab::app {

// The buttons on the current line, each on the same line when it fits (a phone may wrap).
void share_buttons(AppState& app, bool with_embed_code);
// Their width side by side, for a line that plans its room.
float share_buttons_width(bool with_embed_code);

// The page's answer: `what` ("link" or "embed") copied, or the clipboard refused (an iframe
// without allow="clipboard-write", a page not served over https): then the page shows the
// text to select and copy, and the notice says so.
void share_copied(AppState& app, const std::string& what, bool copied);

}  // namespace digitlab::app
