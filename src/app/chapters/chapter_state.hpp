// The state the tutorial's chapters share (the lesson mode, the embedded mode, the
// colormap, the precomputed results), and a slot for each chapter's own state: one
// member of AppState (app_state.hpp), so the chapter panels, like the others, are
// functions drawing from the app's one struct. Each chapter defines its own state
// struct in its file (chapter_pca.cpp's PcaChapter) and names it in its registry entry
// (chapter_registry.hpp); ChapterState holds one of each.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <typeindex>
#include <vector>

#include "app/widgets/colormap.hpp"
#include "lessons/chapter_results.hpp"
#include "lessons/remote_fits.hpp"

namespace digitlab::app {

// What every chapter's own state struct derives from, so that ChapterState can hold
// them without naming them.
struct ChapterData {
  virtual ~ChapterData() = default;
};

struct LessonState {
  bool active = false;
  int step = 0;
  float next_button[4] = {0, 0, 0, 0};  // x, y, w, h in CSS px, for tests and teachers
  float back_button[4] = {0, 0, 0, 0};
};

struct ChapterState {
  ChapterState();  // one state of each registered chapter (chapter_registry.cpp)
  // Each chapter's state made anew (its settings, runs and answers at their defaults), as
  // when the page switches datasets; the shared fields above are kept.
  void renew_chapters();
  std::vector<int> stalled;  // Panels whose own chapter work threw; skipped until a reload
  Colormap colormap = Colormap::Gray;  // chosen in "Looking at digits", used by every chapter
  bool embedded = false;               // one panel alone (?panel=...)
  int requested_subtab = -1;           // a chapter asked for, selected in its tab bar
  std::string query;                   // the last settings applied from a URL or open()
  double longest_work_ms = 0;          // the longest slice of chapter work in one frame
  std::string longest_work;            // what it was doing
  int work_slices = 0, slow_slices = 0;  // frames with chapter work; of them over 50 ms
  std::vector<int> start_requested;    // Panels whose experiment ?run=1 asked for, started once the digits are in
  LessonState lesson;
  ChapterResults precomputed;  // assets/chapter-results.txt, made when the page was built
  // Where the experiments' fits run on the page: a Web Worker (web/digitlab.js's chapter
  // worker, connected by src/platform/worker_glue.cpp); unset natively. Declared before the
  // chapters' own states, so their runs (which cancel their fits) go first.
  RemoteFits remote;

  // A chapter's own state, by its type: chapters.get<PcaChapter>().
  template <class T>
  T& get() { return static_cast<T&>(*own.at(std::type_index(typeid(T)))); }
  template <class T>
  const T& get() const { return static_cast<const T&>(*own.at(std::type_index(typeid(T)))); }

 private:
  std::map<std::type_index, std::unique_ptr<ChapterData>> own;
};

}  // namespace digitlab::app
