// GPU textures for digit images, behind a small interface the platform layer
// implements (WebGL2 in src/platform/gl_texture.cpp), so panels stay GL-free.
#pragma once

#include <cstdint>
#include <vector>

#include "core/common/types.hpp"

namespace digitlab::app {

struct Texture {
  mutable unsigned id = 0;
  int width = 0, height = 0;
  // What was uploaded, kept so that a WebGL context the browser took away and gave back
  // (tablets do under memory pressure) gets its images again without their owners.
  std::vector<std::uint8_t> pixels;
  mutable unsigned context = 0;  // the GL context generation `id` belongs to
  // The id for ImGui::Image; uploads the pixels again first if the context was restored
  // since they were last uploaded (also when that upload came while it was lost, and
  // got no id).
  void* imgui_id() const;
  // Whether an image was uploaded: `id` is 0 for one uploaded while the context was lost.
  bool has_image() const { return !pixels.empty(); }
};

// Uploads 8-bit grayscale pixels (row-major), reusing `texture` when it exists.
void upload_gray(Texture& texture, const std::uint8_t* pixels, int width, int height);

// The page's WebGL context was lost and restored: every GL object is gone. Textures
// upload again when next drawn; the colormap program compiles again.
void gl_context_restored();
// Counts restorations (1 for the first context).
unsigned gl_context_generation();
// Counts uploads: a frame that drew the same vertices as the one before looks different
// when an image changed in place (the platform's idle check, web_main.cpp).
unsigned texture_uploads();

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
