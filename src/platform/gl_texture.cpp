// WebGL2 textures for the app's digit images (src/app/texture.hpp), kept with their
// pixels so a restored context gets them back.
#include <GLES3/gl3.h>

#include <vector>

#include "app/widgets/texture.hpp"

namespace digitlab::app {

namespace {

unsigned g_context_generation = 1;
unsigned g_uploads = 0;

void upload(const Texture& texture) {
  const int width = texture.width, height = texture.height;
  const std::uint8_t* pixels = texture.pixels.data();
  // ImGui's shader reads RGBA; gray goes to all three colour channels.
  std::vector<std::uint8_t> rgba(static_cast<std::size_t>(width * height * 4));
  for (int i = 0; i < width * height; ++i) {
    rgba[static_cast<std::size_t>(4 * i)] = rgba[static_cast<std::size_t>(4 * i + 1)] =
        rgba[static_cast<std::size_t>(4 * i + 2)] = pixels[i];
    rgba[static_cast<std::size_t>(4 * i + 3)] = 255;
  }
  if (texture.context != g_context_generation) texture.id = 0;  // a name of the lost context
  texture.context = g_context_generation;
  if (texture.id == 0) glGenTextures(1, &texture.id);
  glBindTexture(GL_TEXTURE_2D, texture.id);
  // Nearest: a digit's 28x28 pixels should look like pixels when enlarged.
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  ++g_uploads;
}

}  // namespace

void upload_gray(Texture& texture, const std::uint8_t* pixels, int width, int height) {
  texture.width = width;
  texture.height = height;
  texture.pixels.assign(pixels, pixels + static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  upload(texture);
}

unsigned texture_uploads() { return g_uploads; }

void* Texture::imgui_id() const {
  if (has_image() && context != g_context_generation) upload(*this);
  return reinterpret_cast<void*>(static_cast<std::uintptr_t>(id));
}

void gl_context_restored() { ++g_context_generation; }

unsigned gl_context_generation() { return g_context_generation; }

}  // namespace digitlab::app
