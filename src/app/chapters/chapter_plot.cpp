// Small line, scatter and bar plots drawn with ImDrawList for the chapters: a frame
// with "nice" ticks (1, 2 or 5 times a power of ten), then series in data coordinates.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "app/chapters/chapters.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/opaque_box.hpp"
#include "app/widgets/widgets.hpp"  // text_color_on

namespace digitlab::app {

namespace {

const ImU32 kAxis = IM_COL32(150, 155, 165, 255);
const ImU32 kGrid = IM_COL32(60, 64, 72, 255);
const ImU32 kText = IM_COL32(200, 204, 212, 255);
const ImU32 kBackground = IM_COL32(24, 26, 31, 255);

float nice_step(float span, int ticks) {
  const float raw = span / static_cast<float>(std::max(1, ticks));
  const float power = std::pow(10.0f, std::floor(std::log10(raw)));
  const float f = raw / power;
  return (f < 1.5f ? 1.0f : f < 3.5f ? 2.0f : f < 7.5f ? 5.0f : 10.0f) * power;
}

void tick_label(char* out, std::size_t size, float v, float step) {
  if (std::abs(v) < step * 1e-3f) v = 0;
  if (step >= 1.0f && std::abs(v) >= 10000) std::snprintf(out, size, "%.0fk", v / 1000);
  else if (step >= 1.0f) std::snprintf(out, size, "%.0f", v);
  else if (step >= 0.1f) std::snprintf(out, size, "%.1f", v);
  else std::snprintf(out, size, "%.2f", v);
}

}  // namespace

// A label centred under its tick or bar, moved inside the plot's box where it would reach
// past an edge (the last tick's "1.0" was cut to "1.(", "thinned + balanced" to its half).
static float inside_box(float x, float width, const Plot& p) {
  return std::max(p.box_min.x + 2, std::min(x, p.box_max.x - 2 - width));
}

ImVec2 Plot::at(float x, float y) const {
  const float fx = x1 > x0 ? (x - x0) / (x1 - x0) : 0.5f;
  const float fy = y1 > y0 ? (y - y0) / (y1 - y0) : 0.5f;
  return ImVec2(min.x + fx * (max.x - min.x), max.y - fy * (max.y - min.y));
}

Plot begin_plot(const char* id, ImVec2 size, float x0, float x1, float y0, float y1, const char* title,
                const char* x_label, const char* y_label, bool y_powers_of_ten) {
  Plot p;
  p.draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  if (size.x <= 0) size.x = std::max(120.0f, ImGui::GetContentRegionAvail().x);
  ImGui::PushID(id);
  ImGui::Dummy(size);
  ImGui::PopID();
  const float line = ImGui::GetTextLineHeight();
  const bool has_y_label = y_label && *y_label;
  p.min = ImVec2(origin.x + line * (has_y_label ? 3.6f : 2.8f), origin.y + line * 1.4f);
  p.max = ImVec2(origin.x + size.x - line * 0.6f, origin.y + size.y - line * ((x_label && *x_label) ? 2.6f : 1.5f));
  p.x0 = x0;
  p.x1 = x1 > x0 ? x1 : x0 + 1;
  p.y0 = y0;
  p.y1 = y1 > y0 ? y1 : y0 + 1;
  p.box_min = origin;
  p.box_max = ImVec2(origin.x + size.x, origin.y + size.y);
  add_opaque_box(p.draw, p.box_min, p.box_max, kBackground, 4.0f);  // a scissored clear where it can
  if (title && *title) {
    // The y label sits at the top left, in the title's row: the title starts after it.
    const float after_label = has_y_label ? origin.x + ImGui::CalcTextSize(y_label).x + line : 0.0f;
    // A title wider than the plot (a phone) in a slightly smaller type, down to 90%; past
    // that on two lines (or more), the plot's top moving down to make room (a 75% type
    // was too small to read on a phone).
    const float left = std::max(p.min.x, after_label), room = origin.x + size.x - 4 - left;
    const float wide = ImGui::CalcTextSize(title).x;
    const float font = ImGui::GetFontSize() * std::clamp(room / std::max(1.0f, wide), 0.9f, 1.0f);
    const float tall = ImGui::GetFont()->CalcTextSizeA(font, FLT_MAX, room, title).y;
    if (tall > font * 1.5f) p.min.y = std::min(p.min.y + tall - font, p.max.y - line);
    p.draw->PushClipRect(origin, ImVec2(origin.x + size.x - 4, origin.y + size.y), true);
    p.draw->AddText(ImGui::GetFont(), font, ImVec2(left, origin.y + line * 0.2f), kText, title, nullptr, room);
    p.draw->PopClipRect();
  }

  char text[32];
  const float xs = nice_step(p.x1 - p.x0, std::max(2, static_cast<int>((p.max.x - p.min.x) / 70)));
  for (float v = std::ceil(p.x0 / xs) * xs; v <= p.x1 + xs * 1e-3f && !(x_label && *x_label == '\x01'); v += xs) {
    const ImVec2 a = p.at(v, p.y0);
    p.draw->AddLine(ImVec2(a.x, p.min.y), ImVec2(a.x, p.max.y), kGrid);
    tick_label(text, sizeof text, v, xs);
    const float w = ImGui::CalcTextSize(text).x;
    p.draw->AddText(ImVec2(inside_box(a.x - w / 2, w, p), p.max.y + 2), kText, text);
  }
  // Powers of ten: a grid line at every power, a label on every `every`-th where they crowd
  // (a label needs about 24 px: 0.1 went unlabelled between 1 and 0.01 in 95 px).
  float ys = nice_step(p.y1 - p.y0, std::max(2, static_cast<int>((p.max.y - p.min.y) / (y_powers_of_ten ? 24 : 40))));
  const int every = y_powers_of_ten ? std::max(1, static_cast<int>(std::round(ys))) : 1;
  if (y_powers_of_ten) ys = 1.0f;
  for (float v = std::ceil(p.y0 / ys) * ys; v <= p.y1 + ys * 1e-3f; v += ys) {
    const ImVec2 a = p.at(p.x0, v);
    p.draw->AddLine(ImVec2(p.min.x, a.y), ImVec2(p.max.x, a.y), kGrid);
    if (y_powers_of_ten && static_cast<int>(std::round(v)) % every != 0) continue;
    if (!y_powers_of_ten) tick_label(text, sizeof text, v, ys);
    else if (v >= 0) std::snprintf(text, sizeof text, "%.0f", std::pow(10.0f, v));
    else if (v >= -4) std::snprintf(text, sizeof text, "%.*f", static_cast<int>(-v), std::pow(10.0f, v));
    else std::snprintf(text, sizeof text, "1e%d", static_cast<int>(v));
    const ImVec2 ts = ImGui::CalcTextSize(text);
    // The lowest label stays above the x axis, clear of the first x tick label ("0.0" on "0.0").
    p.draw->AddText(ImVec2(p.min.x - ts.x - 4, std::min(a.y - ts.y / 2, p.max.y - ts.y)), kText, text);
  }
  p.draw->AddRect(p.min, p.max, kAxis);
  if (x_label && *x_label && *x_label != '\x01') {
    const float w = ImGui::CalcTextSize(x_label).x;
    p.draw->AddText(ImVec2((p.min.x + p.max.x - w) / 2, p.max.y + line * 1.2f), kText, x_label);
  }
  if (has_y_label) p.draw->AddText(ImVec2(origin.x + 2, p.min.y - line * 1.3f), kText, y_label);
  return p;
}

float accuracy_axis_start(const std::vector<float>& percents) {
  float low = 100;
  for (float v : percents)
    if (std::isfinite(v)) low = std::min(low, v);
  return std::max(0.0f, std::floor((low - 5) / 10) * 10);
}

Plot begin_category_plot(const char* id, ImVec2 size, const std::vector<std::string>& categories, float y0, float y1,
                         const char* title) {
  // "\x01" as the x label: no numeric ticks, room for one line of names.
  const Plot p = begin_plot(id, size, -0.5f, static_cast<float>(categories.size()) - 0.5f, y0, y1, title, "\x01", "");
  // Names that would run into each other (a phone) take two rows, every other one lower.
  const std::size_t n = categories.size();
  std::vector<float> left(n), width(n);
  bool stagger = false;
  for (std::size_t i = 0; i < n; ++i) {
    width[i] = ImGui::CalcTextSize(categories[i].c_str()).x;
    left[i] = inside_box(p.at(static_cast<float>(i), y0).x - width[i] / 2, width[i], p);
    if (i > 0) stagger |= left[i - 1] + width[i - 1] + 6 > left[i];
  }
  for (std::size_t i = 0; i < n; ++i) {
    const float y = p.max.y + 2 + (stagger && i % 2 == 1 ? ImGui::GetTextLineHeight() : 0.0f);
    p.draw->AddText(ImVec2(left[i], y), kText, categories[i].c_str());
  }
  return p;
}

void plot_mark_segment(const Plot& plot, ImVec2 a, ImVec2 b) {
  // A point every 6 px, up to 20,000 a plot: enough to tell the corners apart, cheap to count.
  constexpr std::size_t kMostMarks = 20000;
  const float length = std::hypot(b.x - a.x, b.y - a.y);
  if (!std::isfinite(length) || plot.marks.size() >= kMostMarks) return;
  const int steps = static_cast<int>(std::min(200.0f, length / 6));
  for (int s = 0; s <= steps; ++s) {
    const float t = steps > 0 ? static_cast<float>(s) / static_cast<float>(steps) : 0.0f;
    plot.marks.emplace_back(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
  }
}

void plot_line(const Plot& plot, const std::vector<float>& xs, const std::vector<float>& ys, ImU32 color,
               float thickness) {
  const std::size_t n = std::min(xs.size(), ys.size());
  if (n < 2) return;
  std::vector<ImVec2> points;
  points.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    if (std::isfinite(ys[i])) points.push_back(plot.at(xs[i], std::clamp(ys[i], plot.y0, plot.y1)));
  for (std::size_t i = 0; i < points.size(); ++i)
    plot_mark_segment(plot, points[i], points[i + 1 < points.size() ? i + 1 : i]);
  plot.draw->PushClipRect(plot.min, plot.max, true);
  plot.draw->AddPolyline(points.data(), static_cast<int>(points.size()), color, 0, thickness);
  plot.draw->PopClipRect();
}

void plot_series(const Plot& plot, const std::vector<float>& ys, ImU32 color, float x_start, float x_step,
                 float thickness) {
  // Long series: a bucket of points per pixel, drawn by its lowest and highest point in
  // their order, so a spike keeps its tip (every n-th point alone cut one-vs-rest's ten
  // restarts from 0.69 down to 0.2-0.58 on a phone).
  const std::size_t n = ys.size();
  const std::size_t stride = std::max<std::size_t>(1, n / static_cast<std::size_t>(std::max(1.0f, plot.max.x - plot.min.x)));
  std::vector<float> xs, vs;
  auto add = [&](std::size_t i) {
    xs.push_back(x_start + x_step * static_cast<float>(i));
    vs.push_back(ys[i]);
  };
  for (std::size_t start = 0; start < n; start += stride) {
    const std::size_t end = std::min(n, start + stride);
    std::size_t low = start, high = start;
    for (std::size_t i = start; i < end; ++i) {
      if (!std::isfinite(ys[i])) continue;
      if (!std::isfinite(ys[low]) || ys[i] < ys[low]) low = i;
      if (!std::isfinite(ys[high]) || ys[i] > ys[high]) high = i;
    }
    add(std::min(low, high));
    if (low != high) add(std::max(low, high));
  }
  if (n > 0 && (xs.empty() || xs.back() != x_start + x_step * static_cast<float>(n - 1))) add(n - 1);
  plot_line(plot, xs, vs, color, thickness);
}

void plot_points(const Plot& plot, const std::vector<float>& xs, const std::vector<float>& ys,
                 const std::vector<ImU32>& colors, float radius) {
  plot.draw->PushClipRect(plot.min, plot.max, true);
  for (std::size_t i = 0; i < std::min(xs.size(), ys.size()); ++i) {
    plot.marks.push_back(plot.at(xs[i], ys[i]));
    plot.draw->AddCircleFilled(plot.marks.back(), radius, colors.empty() ? IM_COL32(230, 90, 90, 220) : colors[i % colors.size()], 12);
  }
  plot.draw->PopClipRect();
}

void plot_hline(const Plot& plot, float y, ImU32 color, const char* label) {
  if (y < plot.y0 || y > plot.y1) return;
  const float py = plot.at(plot.x0, y).y;
  for (float x = plot.min.x; x < plot.max.x; x += 10) plot.draw->AddLine(ImVec2(x, py), ImVec2(std::min(x + 6, plot.max.x), py), color, 1.5f);
  if (label) plot.draw->AddText(ImVec2(plot.max.x - ImGui::CalcTextSize(label).x - 4, py - ImGui::GetTextLineHeight() - 1), color, label);
}

void plot_vline(const Plot& plot, float x, ImU32 color, const char* label) {
  if (x < plot.x0 || x > plot.x1) return;
  const float px = plot.at(x, plot.y0).x;
  for (float y = plot.min.y; y < plot.max.y; y += 10) plot.draw->AddLine(ImVec2(px, y), ImVec2(px, std::min(y + 6, plot.max.y)), color, 1.5f);
  if (!label) return;
  // Right of the line, or left of it where the right has no room (a phone cut "z where
  // sigmoid = threshold" at the plot's edge), else as far right as it stays whole.
  const float w = ImGui::CalcTextSize(label).x;
  float lx = px + 4;
  if (lx + w > plot.max.x - 2) lx = px - 4 - w >= plot.min.x + 2 ? px - 4 - w : std::max(plot.min.x + 2, plot.max.x - 2 - w);
  plot.draw->AddText(ImVec2(lx, plot.max.y - ImGui::GetTextLineHeight() - 2), color, label);
}

void plot_bars(const Plot& plot, const std::vector<float>& xs, const std::vector<float>& heights, float width,
               ImU32 color, const char* label_format) {
  plot.draw->PushClipRect(plot.min, plot.max, true);
  for (std::size_t i = 0; i < std::min(xs.size(), heights.size()); ++i) {
    const ImVec2 a = plot.at(xs[i] - width / 2, std::clamp(heights[i], plot.y0, plot.y1));
    const ImVec2 b = plot.at(xs[i] + width / 2, std::max(plot.y0, 0.0f));
    plot.draw->AddRectFilled(ImVec2(a.x, std::min(a.y, b.y)), ImVec2(b.x, std::max(a.y, b.y)), color);
    // For Corner::Best: its top and its middle, so that a legend is not set over a bar.
    const float top_y = std::min(a.y, b.y), mid_x = (a.x + b.x) / 2;
    plot_mark_segment(plot, ImVec2(a.x, top_y), ImVec2(b.x, top_y));
    plot_mark_segment(plot, ImVec2(mid_x, top_y), ImVec2(mid_x, std::max(a.y, b.y)));
    if (label_format) {
      char text[32];
      std::snprintf(text, sizeof text, label_format, heights[i]);
      // In a smaller type where the bar is narrower than its value (down to 70%), so that
      // neighbouring values do not run together ("0.930.95" on a phone).
      const ImVec2 full = ImGui::CalcTextSize(text);
      const float scale = std::clamp((std::fabs(b.x - a.x) - 2) / std::max(1.0f, full.x), 0.7f, 1.0f);
      const ImVec2 ts(full.x * scale, full.y * scale);
      const float top = std::min(a.y, b.y), x = (a.x + b.x - ts.x) / 2;
      if (top - ts.y - 1 >= plot.min.y + 1) {
        plot.draw->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, ImVec2(x, top - ts.y - 1), kText, text);
      } else {
        // No room above a bar that reaches the top: the value inside it, black on a light
        // bar, white on a dark one (grey text over the bar's colour was hard to read). A
        // see-through bar is as light as its colour over the plot's background.
        plot.draw->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, ImVec2(x, top + 1),
                           text_color_on(color, kBackground), text);
      }
    }
  }
  plot.draw->PopClipRect();
}

void legend_line(const std::vector<std::pair<std::string, ImU32>>& entries) {
  const float line = ImGui::GetTextLineHeight();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& [text, color] = entries[i];
    const float w = line * 1.4f + ImGui::CalcTextSize(text.c_str()).x;
    if (i > 0) same_line_if_room(w, line);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(line * 1.1f, line));
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x + line * 0.1f, at.y + line * 0.35f),
                                              ImVec2(at.x + line * 1.0f, at.y + line * 0.65f), color);
    ImGui::SameLine(0, line * 0.3f);
    ImGui::TextUnformatted(text.c_str());
  }
}

void plot_legend(const Plot& plot, const std::vector<std::pair<std::string, ImU32>>& entries, Corner corner) {
  if (entries.empty()) return;
  const float line = ImGui::GetTextLineHeight(), gap = line * 0.8f;
  float widest = 0, in_row = 8 - gap;
  for (const auto& [text, color] : entries) {
    const float w = ImGui::CalcTextSize(text.c_str()).x;
    widest = std::max(widest, w);
    in_row += line * 1.5f + w + gap;
  }
  // A box of one entry a line, or (Best only, where the plot is wide enough) of all on one
  // line: on a phone a plot's corners all hold some curve, and a flat box covers less.
  struct Box { bool row; float w, h; };
  const Box column{false, widest + line * 2.2f, line * static_cast<float>(entries.size()) + 6}, row{true, in_row, line + 6};
  const auto corner_at = [&](Corner c, const Box& b) {
    const bool right = c == Corner::TopRight || c == Corner::BottomRight;
    const bool top = c == Corner::TopRight || c == Corner::TopLeft;
    return ImVec2(right ? plot.max.x - b.w : plot.min.x + 6, top ? plot.min.y + 4 : plot.max.y - b.h - 4);
  };
  Box box = column;
  if (corner == Corner::Best) {
    std::size_t fewest = SIZE_MAX;
    for (const Box& b : {column, row}) {
      if (b.row && (entries.size() < 2 || b.w > plot.max.x - plot.min.x - 12)) continue;
      for (Corner c : {Corner::TopRight, Corner::TopLeft, Corner::BottomLeft, Corner::BottomRight}) {
        const ImVec2 p = corner_at(c, b);
        const auto covered = static_cast<std::size_t>(std::count_if(plot.marks.begin(), plot.marks.end(), [&](ImVec2 m) {
          return m.x >= p.x - 2 && m.x <= p.x + b.w + 2 && m.y >= p.y - 2 && m.y <= p.y + b.h + 2;
        }));
        if (covered < fewest) {
          fewest = covered;
          corner = c;
          box = b;
        }
      }
    }
  }
  const ImVec2 a = corner_at(corner, box);
  plot.draw->AddRectFilled(a, ImVec2(a.x + box.w - 4, a.y + box.h), IM_COL32(24, 26, 31, 220), 3.0f);
  float x = a.x, y = a.y + 3;
  for (const auto& [text, color] : entries) {
    plot.draw->AddRectFilled(ImVec2(x + 5, y + line * 0.35f), ImVec2(x + line * 1.1f, y + line * 0.65f), color);
    plot.draw->AddText(ImVec2(x + line * 1.5f, y), kText, text.c_str());
    if (box.row)
      x += line * 1.5f + ImGui::CalcTextSize(text.c_str()).x + gap;
    else
      y += line;
  }
}

}  // namespace digitlab::app
