// The chapter registry: every tutorial chapter and question is one file
// (chapter_<name>.cpp) that defines its state struct and returns its ChapterDef, and one
// line in the list of chapter_registry.cpp. The shell reads everything else from the
// entry: the tab, the lesson step, the URL keys, the work advanced each frame and the
// chapter's part of window.digitlab.state().
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/logic/key_values.hpp"
#include "app/shell/app_state.hpp"
#include "core/common/json_writer.hpp"

namespace digitlab::app {

enum class PanelGroup { Main, Tutorial, Questions };

// One key=value of a URL query or window.digitlab.open(), as a chapter reads it.
struct Setting {
  std::string key, value;
  bool is_number = false;  // value is a finite number
  double number = 0;
  int rounded(int low, int high) const;        // the number rounded, then clamped
  float clamped(float low, float high) const;  // the number clamped
  // What rounded() and clamped() did to a number outside the range: the range and the
  // value used instead. apply_query reports it unless some chapter took the number as it is.
  mutable int replacements = 0;
  mutable NumberRange range{0, 0};
  mutable double used = 0;
};

struct ChapterDef {
  const char* key = "";    // URL and window.digitlab name ("sigmoid"), and its key in state().chapters
  const char* title = "";  // tab title
  PanelGroup group = PanelGroup::Tutorial;
  const char* lesson = "";  // the lesson mode's text for this step ("": not a lesson step)
  std::unique_ptr<ChapterData> (*make_state)() = nullptr;  // its state struct: state_of<PcaChapter>
  void (*draw)(AppState&) = nullptr;
  void (*json)(JsonWriter&, const AppState&) = nullptr;  // its part of state().chapters
  // The rest is optional (nullptr: the chapter has none).
  // One slice of its work (a fit, its experiment's runs) of about budget_seconds; true
  // when it did some. The visible chapter's work goes first; one chapter's per frame.
  bool (*advance)(AppState&, double budget_seconds) = nullptr;
  void (*start)(AppState&) = nullptr;  // starts its experiment (its Run button, ?run=1)
  // A URL key of this chapter: applied and true, or false when not its key or a bad value.
  // Several chapters may share a key (subset=, max_iter=, digit=).
  bool (*apply_setting)(AppState&, const Setting&) = nullptr;
  // The other direction, for the page's address (issue 15): the chapter's URL keys whose
  // values differ from its defaults, so that apply_setting on them shows the same view.
  void (*write_settings)(const AppState&, std::vector<KeyValue>&) = nullptr;
  int* (*guess)(AppState&) = nullptr;  // a question's answer (?guess=)
  // Puts assets/chapter-results.txt's runs in its experiment while it is empty and at its defaults.
  void (*install_precomputed)(AppState&) = nullptr;
  // The page loaded other training digits: forget what was gathered from the old ones.
  void (*forget_training_digits)(AppState&) = nullptr;
};

// For write_settings: key=value when the value is not its default.
void write_if_changed(std::vector<KeyValue>& out, const char* key, int value, int default_value);
void write_if_changed(std::vector<KeyValue>& out, const char* key, double value, double default_value);

template <class T>
std::unique_ptr<ChapterData> state_of() {
  return std::make_unique<T>();
}

// Every chapter, in tab and lesson order.
const std::vector<ChapterDef>& chapter_defs();
// The chapter shown as `panel`; nullptr for the four main panels.
const ChapterDef* chapter_of(Panel panel);
Panel chapter_panel(std::size_t index);

}  // namespace digitlab::app
