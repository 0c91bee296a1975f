#include "app/widgets/widgets.hpp"

#include <imgui_internal.h>  // the slider's text input: TempInputIsActive, NavActivateInputId

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/data/data_dir.hpp"  // with_thousands

namespace digitlab::app {

void class_legend(const ClassNames& names) {
  if (names.digits()) return;
  std::string line;
  for (int k = 0; k < 10; ++k) line += (k ? ", " : "") + std::to_string(k) + " " + names.name(k);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", line.c_str());
  ImGui::PopStyleColor();
}

std::string fit_text(const std::string& text, float width) {
  std::string cut = text;
  while (cut.size() > 1 && ImGui::CalcTextSize(cut.c_str()).x > width) cut.pop_back();
  return cut;
}

void probability_bars(const char* id, const float* values, int count, int highlight, ImVec2 size,
                      const ClassNames* names) {
  ImGui::PushID(id);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("bars", size);
  const float label_h = ImGui::GetTextLineHeight() + 2;
  const float bar_area = size.y - 2 * label_h;
  const float slot = size.x / static_cast<float>(count);
  draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), plot_background_color(), 4.0f);
  const ImU32 text_color = ImGui::GetColorU32(ImGuiCol_Text);
  for (int k = 0; k < count; ++k) {
    const float v = values ? std::clamp(values[k], 0.0f, 1.0f) : 0.0f;
    const float x0 = origin.x + k * slot + slot * 0.18f, x1 = origin.x + (k + 1) * slot - slot * 0.18f;
    const float base = origin.y + label_h + bar_area;
    const ImU32 color = k == highlight ? accent_color() : IM_COL32(90, 150, 230, 255);
    draw->AddRectFilled(ImVec2(x0, base - v * bar_area), ImVec2(x1, base), color, 2.0f);
    char text[16];
    const std::string label = names ? fit_text(names->short_name(k), slot - 2) : std::to_string(k);
    const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    draw->AddText(ImVec2(origin.x + (k + 0.5f) * slot - ts.x / 2, base + 2), text_color, label.c_str());
    if (values) {
      // In a smaller type where the value is wider than its slot less a 4 px gap each side
      // (ten "0.00" on a phone ran into one another).
      std::snprintf(text, sizeof text, "%.2f", v);
      const float wide = ImGui::CalcTextSize(text).x;
      const float font = ImGui::GetFontSize() * std::clamp((slot - 8) / std::max(1.0f, wide), 0.6f, 1.0f);
      const float w = wide * font / ImGui::GetFontSize();
      draw->AddText(ImGui::GetFont(), font, ImVec2((x0 + x1 - w) / 2, std::max(origin.y, base - v * bar_area - label_h)),
                    text_color, text);
    }
  }
  if (!values) {  // flat bars alone would read as ten zeros
    const char* waiting = "no prediction yet";
    const ImVec2 ts = ImGui::CalcTextSize(waiting);
    draw->AddText(ImVec2(origin.x + (size.x - ts.x) / 2, origin.y + label_h + (bar_area - ts.y) / 2),
                  ImGui::GetColorU32(ImGuiCol_TextDisabled), waiting);
  }
  ImGui::PopID();
}

int digit_grid(const DigitAtlas& atlas, float tile, const std::vector<std::string>& captions) {
  if (atlas.count() == 0 || !atlas.texture.has_image()) return -1;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const int columns = std::max(1, static_cast<int>((ImGui::GetContentRegionAvail().x + spacing) / (tile + spacing)));
  const float u = 1.0f / DigitAtlas::kColumns;
  const int atlas_rows = (atlas.count() + DigitAtlas::kColumns - 1) / DigitAtlas::kColumns;
  const float v = 1.0f / static_cast<float>(atlas_rows);
  int clicked = -1;
  for (int i = 0; i < atlas.count(); ++i) {
    if (i % columns != 0) ImGui::SameLine();
    ImGui::BeginGroup();
    const float cx = static_cast<float>(i % DigitAtlas::kColumns), cy = static_cast<float>(i / DigitAtlas::kColumns);
    ImGui::Image(atlas.texture.imgui_id(), ImVec2(tile, tile), ImVec2(cx * u, cy * v), ImVec2((cx + 1) * u, (cy + 1) * v));
    if (ImGui::IsItemClicked()) clicked = i;
    if (i < static_cast<int>(captions.size())) {
      const ImVec2 ts = ImGui::CalcTextSize(captions[static_cast<std::size_t>(i)].c_str());
      ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (tile - ts.x) / 2));
      ImGui::TextUnformatted(captions[static_cast<std::size_t>(i)].c_str());
    }
    ImGui::EndGroup();
  }
  return clicked;
}

void cell_number(ImDrawList* draw, ImVec2 corner, float cell, long long value, ImU32 color, float font_size) {
  char text[24];
  std::snprintf(text, sizeof text, "%lld", value);
  ImFont* font = ImGui::GetFont();
  float size = font_size > 0 ? font_size : ImGui::GetFontSize();
  ImVec2 ts = font->CalcTextSizeA(size, FLT_MAX, 0.0f, text);
  if (ts.x > cell - 3) {
    size *= (cell - 3) / ts.x;
    ts = font->CalcTextSizeA(size, FLT_MAX, 0.0f, text);
  }
  draw->AddText(font, size, ImVec2(corner.x + (cell - ts.x) / 2, corner.y + (cell - ts.y) / 2), color, text);
}

namespace {

float linear_channel(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }

}  // namespace

ImU32 text_color_on(ImU32 fill, ImU32 behind) {
  const ImVec4 f = ImGui::ColorConvertU32ToFloat4(fill), b = ImGui::ColorConvertU32ToFloat4(behind);
  const auto seen = [&](float over, float under) { return linear_channel(over * f.w + under * (1 - f.w)); };
  const float luminance = 0.2126f * seen(f.x, b.x) + 0.7152f * seen(f.y, b.y) + 0.0722f * seen(f.z, b.z);
  const ImU32 dark = IM_COL32(20, 20, 20, 255);
  static const float dark_luminance = linear_channel(20 / 255.0f);  // once, not per cell
  // Contrast ratios (L1 + 0.05) / (L2 + 0.05) against white (luminance 1) and the dark text.
  const float with_white = 1.05f / (luminance + 0.05f), with_dark = (luminance + 0.05f) / (dark_luminance + 0.05f);
  return with_dark >= with_white ? dark : IM_COL32_WHITE;
}

ImU32 blues(float t) {
  t = std::clamp(t, 0.0f, 1.0f);
  // Endpoints of matplotlib's Blues: #f7fbff to #08306b, through #6baed6.
  const float r = t < 0.5f ? 247 + (107 - 247) * t * 2 : 107 + (8 - 107) * (t - 0.5f) * 2;
  const float g = t < 0.5f ? 251 + (174 - 251) * t * 2 : 174 + (48 - 174) * (t - 0.5f) * 2;
  const float b = t < 0.5f ? 255 + (214 - 255) * t * 2 : 214 + (107 - 214) * (t - 0.5f) * 2;
  return IM_COL32(static_cast<int>(r), static_cast<int>(g), static_cast<int>(b), 255);
}

float matrix_label_width() { return ImGui::GetTextLineHeight() * 1.4f; }

void matrix_axis_labels(ImDrawList* draw, ImVec2 origin, float cell, int n) {
  const float label = matrix_label_width();
  const ImU32 color = ImGui::GetColorU32(ImGuiCol_Text);
  for (int k = 0; k < n; ++k) {
    char text[12];
    std::snprintf(text, sizeof text, "%d", k);
    const ImVec2 size = ImGui::CalcTextSize(text);
    const float middle = label + k * cell + cell / 2;
    draw->AddText(ImVec2(origin.x + middle - size.x / 2, origin.y + (label - size.y) / 2), color, text);
    draw->AddText(ImVec2(origin.x + (label - size.x) / 2, origin.y + middle - size.y / 2), color, text);
  }
}

bool count_slider(const char* label, int* value, int min, int max, bool linear) {
  // printf has no thousands separator, so the slider gets the text itself, as a format
  // without a '%'. But the same format seeds the field the count is typed into, where
  // "10,000" would be read back as 10: when typing is under way or starts this frame
  // (Enter or Tab from the keyboard, Ctrl+click), the plain "%d".
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImGuiID id = ImGui::GetID(label);
  const bool typing = ImGui::TempInputIsActive(id) || g.NavActivateInputId == id ||
                      (g.IO.KeyCtrl && g.HoveredIdPreviousFrame == id);
  const std::string text = with_thousands(*value);
  return ImGui::SliderInt(label, value, min, max, typing ? "%d" : text.c_str(),
                          linear ? ImGuiSliderFlags_None : ImGuiSliderFlags_Logarithmic);
}

void progress_bar(float fraction, float width, const char* text, const char* id) {
  // The tallest text this bar has had while shown without a break: a status that wraps to
  // fewer lines keeps that height, so what lies below (a Stop button) does not jump.
  // Copies, not Get*Ref: a second Get*Ref may move the storage under the first.
  ImGuiStorage* storage = ImGui::GetStateStorage();
  ImGui::PushID(id);
  const ImGuiID tallest_id = ImGui::GetID("tallest"), frame_id = ImGui::GetID("frame");
  ImGui::PopID();
  const int frame = ImGui::GetFrameCount();
  float tallest = storage->GetInt(frame_id, -2) == frame - 1 ? storage->GetFloat(tallest_id, 0.0f) : 0.0f;
  const float y0 = ImGui::GetCursorPosY();
  const float bar = width < 0 ? ImGui::GetContentRegionAvail().x : width;
  if (ImGui::CalcTextSize(text).x + 2 * ImGui::GetStyle().FramePadding.x <= bar) {
    ImGui::ProgressBar(fraction, ImVec2(width, 0), text);
  } else {
    char percent[16];
    std::snprintf(percent, sizeof percent, "%.0f%%", 100.0f * std::clamp(fraction, 0.0f, 1.0f));
    ImGui::ProgressBar(fraction, ImVec2(width, 0), percent);
    ImGui::TextWrapped("%s", text);
  }
  const float used = ImGui::GetCursorPosY() - y0, spacing = ImGui::GetStyle().ItemSpacing.y;
  if (tallest - used > spacing)
    ImGui::Dummy(ImVec2(1.0f, tallest - used - spacing));
  else
    tallest = std::max(tallest, used);
  storage->SetInt(frame_id, frame);
  storage->SetFloat(tallest_id, tallest);
}

bool compact_button(const char* label) {
  return ImGui::GetStyle().TouchExtraPadding.y > 0 ? ImGui::Button(label) : ImGui::SmallButton(label);
}

// The light theme is ImGui's StyleColorsLight: its window background is near white.
bool light_theme() {
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  return bg.x + bg.y + bg.z > 1.5f;
}
ImU32 error_text_color() { return light_theme() ? IM_COL32(190, 20, 20, 255) : IM_COL32(255, 110, 110, 255); }
ImU32 success_text_color() { return light_theme() ? IM_COL32(20, 120, 40, 255) : IM_COL32(170, 220, 170, 255); }
ImU32 lesson_background_color() { return light_theme() ? IM_COL32(222, 232, 246, 255) : IM_COL32(34, 44, 60, 255); }
ImU32 plot_background_color() { return light_theme() ? IM_COL32(232, 234, 240, 255) : IM_COL32(25, 27, 33, 255); }
ImU32 accent_color() { return light_theme() ? IM_COL32(220, 120, 0, 255) : IM_COL32(255, 170, 40, 255); }
ImU32 heading_color() { return light_theme() ? IM_COL32(150, 70, 0, 255) : IM_COL32(255, 200, 120, 255); }
ImU32 note_color() { return light_theme() ? IM_COL32(70, 76, 88, 255) : IM_COL32(170, 178, 190, 255); }
ImU32 info_color() { return light_theme() ? IM_COL32(20, 80, 160, 255) : IM_COL32(150, 200, 255, 255); }

void big_text(const char* text, float scale, ImU32 color) {
  ImGui::SetWindowFontScale(scale);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
  ImGui::SetWindowFontScale(1.0f);
}

}  // namespace digitlab::app
