// Writes the fuzz targets' seed corpora: small valid IDX files (plain and gzip, images
// and labels) and small models of every pipeline shape the file format holds.
//   build/fuzz/fuzz_seeds tests/fuzz/corpus      (writes corpus/idx/seed_* and corpus/model/seed_*)
#include <zlib.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>
#include <vector>

#include "core/data/idx_file.hpp"
#include "core/linear_model/model_file.hpp"
#include "../test_support.hpp"

using namespace digitlab;
using digitlab::testing::gzip_bytes;
using digitlab::testing::write_bytes;

namespace {

IdxArray array(std::vector<std::uint32_t> dims, int modulo) {
  IdxArray a;
  a.dims = std::move(dims);
  std::size_t n = 1;
  for (std::uint32_t d : a.dims) n *= d;
  for (std::size_t i = 0; i < n; ++i) a.data.push_back(static_cast<std::uint8_t>((i * 37) % modulo));
  return a;
}

// 60 "images" of rows x cols: each class lights its own band of pixels.
void band_images(int rows, int cols, int classes, Matrix& X, Labels& y) {
  const int pixels = rows * cols;
  X.resize(60, pixels);
  y.resize(60);
  for (int i = 0; i < 60; ++i) {
    const int label = i % classes;
    y[static_cast<std::size_t>(i)] = label;
    for (int p = 0; p < pixels; ++p)
      X(i, p) = (p * classes / pixels == label ? 200.0f : 10.0f) + 20.0f * std::sin(0.9f * i + p);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_seeds CORPUS_DIR (with idx/ and model/ inside)\n");
    return 2;
  }
  const std::string dir = argv[1];
  const std::vector<std::pair<std::string, IdxArray>> arrays = {
      {"images_3x4x4", array({3, 4, 4}, 256)}, {"labels_5", array({5}, 10)}, {"matrix_2x3", array({2, 3}, 256)},
      {"rank4_1x2x2x2", array({1, 2, 2, 2}, 256)}, {"empty_0x28x28", array({0, 28, 28}, 256)}};
  for (const auto& [name, a] : arrays) {
    write_bytes(dir + "/idx/seed_" + name + ".idx", encode_idx(a));
    write_bytes(dir + "/idx/seed_" + name + ".idx.gz", gzip_bytes(encode_idx(a)));
  }

  struct Shape {
    const char* name;
    int rows, cols, classes;
    Scaling scaling;
    int pca, poly;
    MultiClass multi_class;
  };
  const Shape shapes[] = {
      {"raw_2x3_multinomial", 2, 3, 3, Scaling::None, 0, 1, MultiClass::Multinomial},
      {"standard_3x3_ovr", 3, 3, 3, Scaling::Standard, 0, 1, MultiClass::OneVsRest},
      {"minmax_pca3_poly2", 4, 4, 4, Scaling::MinMax, 3, 2, MultiClass::Multinomial},
      {"binary_2x2", 2, 2, 2, Scaling::MinMax, 0, 1, MultiClass::Multinomial},
  };
  for (const Shape& shape : shapes) {
    Matrix X;
    Labels y;
    band_images(shape.rows, shape.cols, shape.classes, X, y);
    PipelineSettings s;
    s.scaling = shape.scaling;
    s.pca_components = shape.pca;
    s.poly_degree = shape.poly;
    s.model.multi_class = shape.multi_class;
    s.model.max_iter = 30;
    Pipeline p(s);
    p.fit(X, y);
    write_bytes(dir + "/model/seed_" + shape.name + ".dlm", encode_model(ModelFile{p, "bands", shape.rows, shape.cols}));
  }
  std::printf("fuzz_seeds: wrote %zu IDX and %zu model seeds to %s\n", arrays.size() * 2, std::size(shapes),
              dir.c_str());
  return 0;
}
