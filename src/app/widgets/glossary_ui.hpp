// Glossary terms on screen: a term drawn as underlined text that keyboard navigation can
// reach; hovered or focused, it shows its one-line definition (glossary.hpp) as a tooltip
// and becomes the page's hovered term, which charts read to mark their part of it
// (term_marks_cell) and state() reports as glossary_hover.
//
//   glossary_term(app.glossary, Term::Support);          // "support", with its tooltip
//   ImGui::InputInt("FN", &fn); glossary_tooltip(app.glossary, Term::FalseNegative);
//   if (glossary_hovered(app.glossary, Term::Precision)) ...  // mark the column
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "app/logic/glossary.hpp"

namespace digitlab {
class JsonWriter;
}

namespace digitlab::app {

struct GlossaryPlace {
  Term term;
  float x, y, w, h;  // CSS px, as drawn last frame (tests hover there)
};

struct GlossaryState {
  std::optional<Term> hovered;             // during the last complete frame
  std::optional<Term> hovering;            // being gathered this frame
  std::vector<GlossaryPlace> places, placing;  // the terms on screen, last frame and this one
};

// The term's name (or `text`) as a focusable, underlined label with its tooltip.
void glossary_term(GlossaryState& g, Term term, const char* text = nullptr);
// The same for the item just drawn (a slider, a table cell, an input).
void glossary_tooltip(GlossaryState& g, Term term);
// A row of terms that wraps: SameLine() before the next item if `text` still fits on the
// line (with `spacing` before it), else a new line. Call after the row's first item.
void same_line_if_fits(const char* text, float spacing = -1.0f);
// Text that goes on from the item just drawn (a term) as a sentence does: its first words
// fill the rest of the line and the others wrap to the line's left edge, not under the
// text's own start (where ImGui's SameLine + TextWrapped would put them).
void text_after_item(const char* text);
// "Terms:" and each term as a glossary_term, wrapping at the line's end: the terms a
// chapter uses, where a beginner first meets them.
void terms_row(GlossaryState& g, std::initializer_list<Term> terms);
// Whether `term` was hovered or focused in the last frame.
bool glossary_hovered(const GlossaryState& g, Term term);
// The hovered term if it marks cells of a confusion matrix (term_has_cells).
std::optional<Term> glossary_cells_term(const GlossaryState& g);
// Called once at the end of a frame: this frame's hover becomes the last frame's.
void glossary_end_frame(GlossaryState& g);

// state(): glossary [{term, name, definition}] (not without texts), glossary_hover,
// glossary_on_screen.
void write_glossary_json(JsonWriter& j, const GlossaryState& g, bool with_texts = true);

}  // namespace digitlab::app
