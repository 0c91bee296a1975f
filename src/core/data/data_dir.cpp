#include "core/data/data_dir.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "core/data/split.hpp"

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_NO_STDIO_FOPEN_WARNINGS
// opencv's sheet is 2000x1000: a PNG header announcing more is refused before stb allocates.
#define STBI_MAX_DIMENSIONS 2048
#include <stb/stb_image.h>

namespace digitlab {

namespace {

bool file_exists(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

// The canonical file name, plain or gzip-compressed; empty when neither exists.
std::string find_idx(const std::string& dir, const std::string& stem) {
  for (const std::string& candidate : {dir + "/" + stem + ".gz", dir + "/" + stem})
    if (file_exists(candidate)) return candidate;
  return "";
}

}  // namespace

std::string with_thousands(long long value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return value < 0 ? "-" + digits : digits;
}

Dataset load_opencv_digits(const std::string& png_path) {
  int width = 0, height = 0, channels = 0;
  std::unique_ptr<unsigned char, void (*)(void*)> image(stbi_load(png_path.c_str(), &width, &height, &channels, 1),
                                                       &stbi_image_free);
  if (!image) throw DataError(png_path + ": cannot decode PNG (" + stbi_failure_reason() + ")");
  if (width != 2000 || height != 1000)
    throw DataError(png_path + ": expected opencv's 2000x1000 digits.png, got " + std::to_string(width) + "x" +
                    std::to_string(height));
  constexpr int kCell = 20, kSide = 28, kPerRow = 100;
  Dataset data;
  data.name = "opencv digits";
  data.image_rows = data.image_cols = kSide;
  data.pixels.resize(5000, kSide * kSide);
  data.labels.resize(5000);
  for (int index = 0; index < 5000; ++index) {
    const int top = (index / kPerRow) * kCell, left = (index % kPerRow) * kCell;
    data.labels[static_cast<std::size_t>(index)] = index / 500;  // 5 grid rows of each digit
    for (int y = 0; y < kSide; ++y) {
      for (int x = 0; x < kSide; ++x) {
        // Sample the 20x20 cell at this pixel's centre (bilinear, edges clamped).
        const float sy = std::clamp((y + 0.5f) * kCell / kSide - 0.5f, 0.0f, kCell - 1.0f);
        const float sx = std::clamp((x + 0.5f) * kCell / kSide - 0.5f, 0.0f, kCell - 1.0f);
        const int y0 = static_cast<int>(sy), x0 = static_cast<int>(sx);
        const int y1 = std::min(y0 + 1, kCell - 1), x1 = std::min(x0 + 1, kCell - 1);
        const float fy = sy - y0, fx = sx - x0;
        const auto at = [&](int yy, int xx) { return image.get()[(top + yy) * width + left + xx]; };
        const float value = (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x1)) +
                            fy * ((1 - fx) * at(y1, x0) + fx * at(y1, x1));
        data.pixels(index, y * kSide + x) = static_cast<std::uint8_t>(std::lround(value));
      }
    }
  }
  return data;
}

TrainTest load_data_dir(const std::string& dir) {
  if (dir.empty()) throw DataError("no data folder given (set MNIST_DIR)");
  const std::string train_images = find_idx(dir, "train-images-idx3-ubyte");
  const std::string train_labels = find_idx(dir, "train-labels-idx1-ubyte");
  const std::string test_images = find_idx(dir, "t10k-images-idx3-ubyte");
  const std::string test_labels = find_idx(dir, "t10k-labels-idx1-ubyte");
  TrainTest out;
  if (!train_images.empty() && !train_labels.empty() && !test_images.empty() && !test_labels.empty()) {
    // Fashion-MNIST ships under the same names; a marker file or folder name tells.
    const bool fashion = dir.find("fashion") != std::string::npos;
    const std::string name = fashion ? "Fashion-MNIST" : "MNIST";
    out.train = load_idx_dataset(train_images, train_labels, name + " train");
    out.test = load_idx_dataset(test_images, test_labels, name + " test");
    out.description = name + " from " + dir + ": " + with_thousands(out.train.size()) + " train + " +
                      with_thousands(out.test.size()) + " test images";
    return out;
  }
  const std::string png = dir + "/digits.png";
  if (file_exists(png)) {
    Dataset all = load_opencv_digits(png);
    SplitIndices split = stratified_train_test_split(all.labels, 0.2, 0);
    out.train = take(all, split.train);
    out.test = take(all, split.test);
    out.train.name = "opencv digits train";
    out.test.name = "opencv digits test";
    out.description = "opencv digits.png fallback from " + dir + ": 5,000 MNIST digits (20x20 scaled to 28x28), " +
                      with_thousands(out.train.size()) + " train + " + with_thousands(out.test.size()) + " test";
    return out;
  }
  throw DataError(dir + ": no MNIST files (train-images-idx3-ubyte[.gz] and the other three) and no digits.png");
}

}  // namespace digitlab
