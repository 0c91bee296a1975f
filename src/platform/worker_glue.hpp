// The page's two sets of Web Workers (web/fit-workers.js: fitWorker for the Train panel,
// chapterWorker for the chapters' experiments) handed to the app as the calls it makes.
// Their reports come back through web_main.cpp's digitlab_fit_report and friends.
//
//   connect_fit_worker(app);      // before the first frame
//   connect_chapter_worker(app);
#pragma once

#include "app/shell/app.hpp"

namespace digitlab::platform {

// Training in Web Workers (issue 12): web/fit-workers.js makes them when the Train panel
// first opens (prepare) or else just after the first run is handed over, and says no (0)
// where the browser has none or they failed before, or ends a run handed over as broken
// where they fail then; the app then fits on the page's thread.
void connect_fit_worker(app::App& app);

// The chapters' experiments in Web Workers of their own, made at the first experiment;
// 0 where there are none and the experiments fit on the page's thread.
void connect_chapter_worker(app::App& app);

}  // namespace digitlab::platform
