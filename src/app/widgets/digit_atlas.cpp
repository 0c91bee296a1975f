#include <algorithm>

#include "app/widgets/texture.hpp"

namespace digitlab::app {

void build_atlas(DigitAtlas& atlas, const PixelMatrix& pixels, const std::vector<int>& rows) {
  constexpr int kSide = 28;
  const int count = std::min<int>(static_cast<int>(rows.size()), DigitAtlas::kColumns * DigitAtlas::kColumns);
  atlas.rows.assign(rows.begin(), rows.begin() + count);
  if (count == 0) return;
  const int atlas_rows = (count + DigitAtlas::kColumns - 1) / DigitAtlas::kColumns;
  const int width = DigitAtlas::kColumns * kSide, height = atlas_rows * kSide;
  std::vector<std::uint8_t> image(static_cast<std::size_t>(width * height), 0);
  for (int i = 0; i < count; ++i) {
    const int ox = (i % DigitAtlas::kColumns) * kSide, oy = (i / DigitAtlas::kColumns) * kSide;
    for (int y = 0; y < kSide; ++y)
      for (int x = 0; x < kSide; ++x)
        image[static_cast<std::size_t>((oy + y) * width + ox + x)] = pixels(rows[static_cast<std::size_t>(i)], y * kSide + x);
  }
  upload_gray(atlas.texture, image.data(), width, height);
}

}  // namespace digitlab::app
