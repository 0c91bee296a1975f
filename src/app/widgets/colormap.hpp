// Gray digit images drawn through a colormap by a fragment shader (shaders/
// colormap.frag.glsl), the page's counterpart of matplotlib's imshow(cmap=...). Panels
// call these; the GL side lives in src/platform/colormap_shader.cpp, so panels stay GL-free.
//
//   colormap_image(digit_texture, ImVec2(140, 140), Colormap::Viridis);
//   colormap_rect(ImGui::GetWindowDrawList(), atlas, a, b, Colormap::Binary, uv0, uv1);
#pragma once

#include <imgui.h>

#include <string>

#include "app/widgets/texture.hpp"

namespace digitlab::app {

// The order is the shader's `Colormap` uniform.
enum class Colormap { Gray, Binary, Viridis, Magma, Diverging };
constexpr int kColormapCount = 5;

const char* colormap_key(Colormap map);  // "gray", "binary", "viridis", "magma", "diverging"
// Sets `map` from a key; false (and `map` unchanged) if the key is unknown.
bool parse_colormap(const std::string& key, Colormap& map);

// An ImGui::Image item drawn through `map`.
void colormap_image(const Texture& texture, ImVec2 size, Colormap map, ImVec2 uv0 = ImVec2(0, 0),
                    ImVec2 uv1 = ImVec2(1, 1));
// The same into a draw list at a rectangle (no layout item).
void colormap_rect(ImDrawList* draw, const Texture& texture, ImVec2 a, ImVec2 b, Colormap map,
                   ImVec2 uv0 = ImVec2(0, 0), ImVec2 uv1 = ImVec2(1, 1));

// "ok" once the program linked, "not used yet" before the first colormapped draw, or
// the compile/link log. When it failed, images are drawn in plain gray.
std::string colormap_shader_status();

}  // namespace digitlab::app
