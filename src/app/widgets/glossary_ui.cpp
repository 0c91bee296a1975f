#include "app/widgets/glossary_ui.hpp"
#include "app/widgets/layout.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/common/json_writer.hpp"

namespace digitlab::app {

namespace {

constexpr ImU32 kUnderline = IM_COL32(150, 170, 200, 200);

void record(GlossaryState& g, Term term) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  g.placing.push_back({term, a.x, a.y, b.x - a.x, b.y - a.y});
  // Hovered by the pointer, or reached by keyboard navigation (arrow keys; Tab for the
  // sliders and inputs; a click also focuses an item, but then the keyboard cursor is
  // hidden: NavVisible).
  const bool focused = ImGui::GetIO().NavVisible && ImGui::IsItemFocused();
  if (!ImGui::IsItemHovered() && !focused) return;
  g.hovering = term;
  const GlossaryEntry& e = glossary_entry(term);
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(tooltip_wrap_width());
  ImGui::TextUnformatted(e.name);
  ImGui::TextDisabled("%s", e.definition);
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

}  // namespace

void glossary_term(GlossaryState& g, Term term, const char* text) {
  if (!text) text = glossary_entry(term).name;
  const ImVec2 size = ImGui::CalcTextSize(text, nullptr, true);
  ImGui::PushID(static_cast<int>(term));
  ImGui::PushID(text);
  ImGui::PushStyleColor(ImGuiCol_HeaderHovered, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
  ImGui::PushStyleColor(ImGuiCol_HeaderActive, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
  // A Selectable of the text's size: hoverable and reachable by keyboard, like a link.
  // Its item rectangle reaches half the item spacing around the text (into a table's row
  // border), so the underline goes under the text itself: from the rectangle's top less
  // that half (ImGui 1.86's Selectable), which keeps the line's text offset after a framed
  // widget on the same line.
  const float left = ImGui::GetCursorScreenPos().x;
  ImGui::Selectable(text, false, ImGuiSelectableFlags_None, size);
  ImGui::PopStyleColor(2);
  ImGui::PopID();
  ImGui::PopID();
  const float y = ImGui::GetItemRectMin().y + std::floor(ImGui::GetStyle().ItemSpacing.y * 0.5f) + size.y;
  const float right = left + size.x;
  for (float x = left; x < right; x += 4)  // dotted underline: "there is more to this word"
    ImGui::GetWindowDrawList()->AddLine(ImVec2(x, y), ImVec2(std::min(x + 2, right), y), kUnderline);
  record(g, term);
}

void glossary_tooltip(GlossaryState& g, Term term) { record(g, term); }

void same_line_if_fits(const char* text, float spacing) {
  const float gap = spacing < 0 ? ImGui::GetStyle().ItemSpacing.x : spacing;
  if (ImGui::GetItemRectMax().x + gap + ImGui::CalcTextSize(text, nullptr, true).x <= line_right()) ImGui::SameLine(0, gap);
}

void text_after_item(const char* text) {
  const char* end = text + std::strlen(text);
  ImFont* font = ImGui::GetFont();
  const float room = line_right() - ImGui::GetItemRectMax().x;
  // Where the words that fit the rest of this line end (ImGui's own word wrap).
  const char* cut = room > 0 ? font->CalcWordWrapPositionA(ImGui::GetFontSize() / font->FontSize, text, end, room) : text;
  if (cut > text && ImGui::CalcTextSize(text, cut).x > room) cut = text;  // ImGui gives one character when none fits
  if (cut == end) {  // all of it fits
    ImGui::SameLine(0, 0);
    ImGui::TextUnformatted(text, end);
    return;
  }
  if (cut > text) {
    ImGui::SameLine(0, 0);
    ImGui::TextUnformatted(text, cut);
  }
  while (cut < end && *cut == ' ') ++cut;
  ImGui::PushTextWrapPos(line_right() - ImGui::GetWindowPos().x + ImGui::GetScrollX());
  ImGui::TextUnformatted(cut, end);
  ImGui::PopTextWrapPos();
}

void terms_row(GlossaryState& g, std::initializer_list<Term> terms) {
  ImGui::TextDisabled("Terms:");
  for (Term term : terms) {
    same_line_if_fits(glossary_entry(term).name);
    glossary_term(g, term);
  }
}

bool glossary_hovered(const GlossaryState& g, Term term) { return g.hovered == term; }

std::optional<Term> glossary_cells_term(const GlossaryState& g) {
  if (g.hovered && term_has_cells(*g.hovered)) return g.hovered;
  return std::nullopt;
}

void glossary_end_frame(GlossaryState& g) {
  g.hovered = g.hovering;
  g.hovering.reset();
  g.places.swap(g.placing);
  g.placing.clear();
}

void write_glossary_json(JsonWriter& j, const GlossaryState& g, bool with_texts) {
  if (with_texts) {
    j.key("glossary").begin_array();
    for (const GlossaryEntry& e : glossary())
      j.begin_object().key("term").value(e.key).key("name").value(e.name).key("definition").value(e.definition).end_object();
    j.end_array();
  }
  j.key("glossary_hover");
  if (g.hovered) j.value(glossary_entry(*g.hovered).key); else j.null();
  j.key("glossary_on_screen").begin_array();
  for (const GlossaryPlace& p : g.places)
    j.begin_object().key("term").value(glossary_entry(p.term).key).key("x").value(static_cast<double>(p.x))
        .key("y").value(static_cast<double>(p.y)).key("w").value(static_cast<double>(p.w))
        .key("h").value(static_cast<double>(p.h)).end_object();
  j.end_array();
}

}  // namespace digitlab::app
