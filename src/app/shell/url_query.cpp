// Settings from a URL query (?panel=pca&components=30): every key checked, problems
// reported once in the notice and otherwise ignored.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <sstream>

#include "app/chapters/chapter_precomputed.hpp"
#include "app/chapters/chapters.hpp"
#include "app/panels/panels.hpp"
#include "app/work/work.hpp"

namespace digitlab::app {

namespace {

std::string url_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::strtol(text.substr(i + 1, 2).c_str(), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool to_number(const std::string& text, double& out) {
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return !text.empty() && end && *end == '\0' && std::isfinite(out);
}

}  // namespace

void apply_query(AppState& s, const std::string& raw) {
  ChapterState& c = s.chapters;
  std::string query = raw;
  if (!query.empty() && query[0] == '?') query.erase(0, 1);
  c.query = query;
  std::string bad;
  int panel = -1;
  bool embed = true, run = false;
  constexpr int kUnset = -3;  // no guess= in the query
  int guess = kUnset;         // an answer's index, or "skip" (kSkipped), "none" (kNoGuess)
  std::stringstream items(query);
  for (std::string item; std::getline(items, item, '&');) {
    const auto eq = item.find('=');
    const std::string key = url_decode(item.substr(0, eq)), value = eq == std::string::npos ? "" : url_decode(item.substr(eq + 1));
    double x = 0;
    const bool number = to_number(value, x);
    auto count = [&](int low, int high) { return std::clamp(static_cast<int>(std::lround(x)), low, high); };
    if (key.empty()) continue;
    if (key == "panel") {
      panel = panel_from_key(value);
      if (panel < 0) bad += " panel=" + value;
    } else if (key == "embed") {
      embed = value != "0" && value != "false";
    } else if (key == "run") {
      run = value != "0" && value != "false";
    } else if (key == "lesson") {
      LessonState& l = c.lesson;
      if (value == "off" || value == "0") l.active = false;
      else if (value == "next") ++l.step;
      else if (value == "back") --l.step;
      else if (number) { l.active = true; l.step = count(1, static_cast<int>(lesson_steps().size())) - 1; }
      else l.active = true;
      l.step = std::clamp(l.step, 0, static_cast<int>(lesson_steps().size()) - 1);
    } else if (key == "guess") {
      guess = value == "skip" ? kSkipped : value == "none" ? kNoGuess : number ? count(0, 2) : kUnset;
      if (guess == kUnset) bad += " guess=" + value;
    } else if (key == "colormap") {
      if (!parse_colormap(value, c.colormap)) bad += " colormap=" + value;
    } else if (number && key == "details") {
      s.train.details = count(0, 1) == 1;  // the Train panel's Details
    } else {  // the chapters' own keys (chapter_registry.hpp); a number no chapter reads is ignored
      bool understood = false;
      for (const ChapterDef& chapter : chapter_defs())
        if (chapter.apply_setting) understood |= chapter.apply_setting(s, Setting{key, value, number, x});
      if (!understood && !number) bad += " " + key + "=" + value;
    }
  }
  if (panel >= 0) {
    c.embedded = embed;
    if (embed) s.panel = static_cast<Panel>(panel);
    else s.requested_panel = panel;
    c.lesson.active = c.lesson.active && !embed;
  }
  if (guess != kUnset) {  // the question shown, or the one named by panel=
    const Panel target = panel >= 0 ? static_cast<Panel>(panel) : s.panel;
    if (const ChapterDef* chapter = chapter_of(target); chapter && chapter->guess) *chapter->guess(s) = guess;
  }
  if (run) {
    const Panel target = panel >= 0 ? static_cast<Panel>(panel) : s.panel;
    if (const ChapterDef* chapter = chapter_of(target); chapter && chapter->start) c.start_requested.push_back(static_cast<int>(target));
  }
  if (!bad.empty()) set_notice(s, "not understood in the address:" + bad, true);
  install_chapter_results(s);  // an empty experiment at its defaults shows its precomputed result
}

}  // namespace digitlab::app
