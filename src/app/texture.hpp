// GPU textures for digit images, behind a small interface the platform layer
// implements (WebGL2 in src/platform/gl_texture.cpp), so panels stay GL-free.
#pragma once

#include <cstdint>
#include <vector>

#include "types.hpp"

namespace digitlab::app {

struct Texture {
  unsigned id = 0;
  int width = 0, height = 0;
  void* imgui_id() const { return reinterpret_cast<void*>(static_cast<std::uintptr_t>(id)); }
};

// Uploads 8-bit grayscale pixels (row-major), reusing `texture` when it exists.
void upload_gray(Texture& texture, const std::uint8_t* pixels, int width, int height);

// Many 28x28 digits tiled in one texture, for galleries.
struct DigitAtlas {
  static constexpr int kColumns = 20;
  Texture texture;
  std::vector<int> rows;  // which dataset row each tile shows
  int count() const { return static_cast<int>(rows.size()); }
};

// Fills `atlas` with the images `rows` of `pixels` (at most kColumns x kColumns).
void build_atlas(DigitAtlas& atlas, const PixelMatrix& pixels, const std::vector<int>& rows);

}  // namespace digitlab::app
