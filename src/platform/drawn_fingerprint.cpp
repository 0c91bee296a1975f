#include "platform/drawn_fingerprint.hpp"

#include <cstring>

#include "imgui.h"

namespace digitlab::platform {

namespace {

// FNV-1a over 8-byte words: a frame's few hundred KB in a fraction of a millisecond.
class Fingerprint {
 public:
  void add(const void* data, std::size_t bytes) {
    const auto* p = static_cast<const unsigned char*>(data);
    std::size_t i = 0;
    for (; i + 8 <= bytes; i += 8) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      mix(word);
    }
    std::uint64_t tail = 0;
    if (bytes > i) std::memcpy(&tail, p + i, bytes - i);
    mix(tail ^ (static_cast<std::uint64_t>(bytes) << 56));
  }
  template <class T>
  void add_value(const T& value) { add(&value, sizeof value); }
  std::uint64_t value() const { return hash_; }

 private:
  void mix(std::uint64_t word) {
    hash_ ^= word;
    hash_ *= 1099511628211ull;
  }
  std::uint64_t hash_ = 14695981039346656037ull;
};

}  // namespace

std::uint64_t drawn_fingerprint(const ImDrawData& data, const CanvasState& canvas) {
  Fingerprint f;
  f.add_value(canvas.texture_uploads);
  f.add_value(canvas.clear_rgb);
  f.add_value(canvas.width);
  f.add_value(canvas.height);
  f.add_value(data.DisplaySize);
  f.add_value(data.FramebufferScale);
  f.add_value(data.CmdListsCount);
  for (int l = 0; l < data.CmdListsCount; ++l) {
    const ImDrawList& list = *data.CmdLists[l];
    f.add(list.VtxBuffer.Data, static_cast<std::size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert));
    f.add(list.IdxBuffer.Data, static_cast<std::size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      f.add_value(cmd.ClipRect);
      f.add_value(cmd.TextureId);
      f.add_value(cmd.VtxOffset);
      f.add_value(cmd.IdxOffset);
      f.add_value(cmd.ElemCount);
      f.add_value(cmd.UserCallback);
      f.add_value(cmd.UserCallbackData);  // the pointer: colormap_rect's map is its value
    }
  }
  return f.value();
}

}  // namespace digitlab::platform
