#include <catch2/catch.hpp>

#include <filesystem>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include "core/data/class_names.hpp"
#include "core/data/data_dir.hpp"
#include "core/data/dataset.hpp"
#include "core/data/idx_file.hpp"
#include "core/data/row_source.hpp"
#include "test_support.hpp"

using namespace digitlab;
using namespace digitlab::testing;

namespace {

void write_idx(const std::string& path, std::vector<std::uint32_t> dims, std::vector<std::uint8_t> data) {
  IdxArray a;
  a.dims = std::move(dims);
  a.data = std::move(data);
  write_bytes(path, encode_idx(a));
}

}  // namespace

TEST_CASE("images and labels load together and must agree", "[data]") {
  write_idx(scratch_path("img.idx"), {2, 2, 3}, {0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15});
  write_idx(scratch_path("lab.idx"), {2}, {7, 3});
  Dataset d = load_idx_dataset(scratch_path("img.idx"), scratch_path("lab.idx"), "tiny");
  CHECK(d.size() == 2);
  CHECK(d.image_rows == 2);
  CHECK(d.image_cols == 3);
  CHECK(d.labels == Labels{7, 3});
  CHECK(d.features()(1, 2) == 12.0f);

  write_idx(scratch_path("lab3.idx"), {3}, {7, 3, 1});
  CHECK_THROWS_WITH(load_idx_dataset(scratch_path("img.idx"), scratch_path("lab3.idx"), "tiny"),
                    Catch::Contains("2 images") && Catch::Contains("3 labels"));
  write_idx(scratch_path("lab_bad.idx"), {2}, {7, 12});
  CHECK_THROWS_WITH(load_idx_dataset(scratch_path("img.idx"), scratch_path("lab_bad.idx"), "tiny"),
                    Catch::Contains("label 12"));

  Dataset picked = take(d, {1, 1, 0});
  CHECK(picked.labels == Labels{3, 3, 7});
  CHECK(picked.pixels(2, 0) == 0);
  Dataset both = concatenate(d, picked);
  CHECK(both.size() == 5);
  CHECK(class_counts(both.labels, 10)[3] == 3);
}

TEST_CASE("opencv's digits.png grid becomes 5,000 labelled 28x28 digits", "[data]") {
  // A synthetic sheet in the real layout: each 20x20 cell filled with its digit's value * 20.
  std::vector<unsigned char> sheet(2000 * 1000);
  for (int y = 0; y < 1000; ++y)
    for (int x = 0; x < 2000; ++x) {
      const int index = (y / 20) * 100 + x / 20;
      sheet[static_cast<std::size_t>(y * 2000 + x)] = static_cast<unsigned char>((index / 500) * 20 + 5);
    }
  const std::string dir = scratch_path("opencv");
  std::system(("mkdir -p " + dir).c_str());
  REQUIRE(stbi_write_png((dir + "/digits.png").c_str(), 2000, 1000, 1, sheet.data(), 2000) != 0);

  Dataset d = load_opencv_digits(dir + "/digits.png");
  REQUIRE(d.size() == 5000);
  CHECK(d.pixel_count() == 784);
  CHECK(class_counts(d.labels, 10) == std::vector<int>(10, 500));
  // Digit 7's cells are uniform 145, and scaling a uniform cell keeps it uniform.
  CHECK(d.labels[3600] == 7);
  CHECK(d.pixels.row(3600).minCoeff() == 145);
  CHECK(d.pixels.row(3600).maxCoeff() == 145);

  TrainTest split = load_data_dir(dir);
  CHECK(split.train.size() == 4000);
  CHECK(split.test.size() == 1000);
  CHECK(class_counts(split.test.labels, 10) == std::vector<int>(10, 100));
  CHECK_THAT(split.description, Catch::Contains("5,000"));
}

TEST_CASE("a folder without data says what it looked for", "[data]") {
  CHECK_THROWS_WITH(load_data_dir("/nonexistent-digitlab"), Catch::Contains("no MNIST files"));
}

TEST_CASE("images and labels of the wrong rank, size or count are refused by name", "[data]") {
  write_idx(scratch_path("img.idx"), {2, 2, 3}, std::vector<std::uint8_t>(12, 1));
  write_idx(scratch_path("lab.idx"), {2}, {7, 3});
  write_idx(scratch_path("flat.idx"), {2, 6}, std::vector<std::uint8_t>(12, 1));
  write_idx(scratch_path("none.idx"), {0, 28, 28}, {});
  write_idx(scratch_path("lab0.idx"), {0}, {});
  write_idx(scratch_path("wide.idx"), {1, 1, 5000}, std::vector<std::uint8_t>(5000, 1));
  write_idx(scratch_path("lab1.idx"), {1}, {1});
  const auto load = [](const std::string& images, const std::string& labels) {
    return load_idx_dataset(scratch_path(images), scratch_path(labels), "t");
  };
  CHECK_THROWS_WITH(load("flat.idx", "lab.idx"), Catch::Contains("flat.idx") && Catch::Contains("3-dimensional"));
  CHECK_THROWS_WITH(load("img.idx", "img.idx"), Catch::Contains("1-dimensional label array"));
  CHECK_THROWS_WITH(load("none.idx", "lab0.idx"), Catch::Contains("none.idx: holds no images"));
  CHECK_THROWS_WITH(load("wide.idx", "lab1.idx"), Catch::Contains("1x5000 is not sane"));
  CHECK_THROWS_WITH(load("img.idx", "missing.idx"), Catch::Contains("missing.idx") && Catch::Contains("cannot open"));
}

TEST_CASE("a row source over chosen rows of a dataset gives those rows, in order, without a copy", "[data]") {
  auto data = std::make_shared<Dataset>();
  data->pixels.resize(5, 3);
  for (int r = 0; r < 5; ++r)
    for (int c = 0; c < 3; ++c) data->pixels(r, c) = static_cast<std::uint8_t>(10 * r + c);
  data->labels = {0, 1, 2, 3, 4};
  const RowSource rows = rows_of(std::shared_ptr<const Dataset>(data), {4, 1, 3});
  CHECK(rows.rows == 3);
  CHECK(rows.cols == 3);
  Matrix block;
  rows.fill(1, 2, block);  // rows 1 and 3 of the dataset
  REQUIRE(block.rows() == 2);
  CHECK(block(0, 0) == 10.0f);
  CHECK(block(0, 2) == 12.0f);
  CHECK(block(1, 1) == 31.0f);
  rows.fill(0, 1, block);
  CHECK(block(0, 0) == 40.0f);
}

// The page names classes by the dataset a model file or a loaded set names (file_intake.cpp):
// the names load_data_dir writes must lead to the right table.
TEST_CASE("a folder named fashion loads as Fashion-MNIST, whose names are Zalando's labels", "[data]") {
  const std::string dir = scratch_path("fashion-mnist");
  std::filesystem::create_directories(dir);
  for (const char* set : {"train", "t10k"}) {
    write_idx(dir + "/" + set + "-images-idx3-ubyte", {2, 28, 28}, std::vector<std::uint8_t>(2 * 784, 9));
    write_idx(dir + "/" + set + "-labels-idx1-ubyte", {2}, {6, 9});
  }
  const TrainTest data = load_data_dir(dir);
  CHECK(data.train.name == "Fashion-MNIST train");
  const ClassNames& names = class_names_for_dataset(data.train.name);
  CHECK(names.key == "fashion");
  CHECK(names.item == "item");
  // github.com/zalandoresearch/fashion-mnist, README, "Labels": 6 Shirt, 9 Ankle boot.
  CHECK(names.name(data.train.labels[0]) == "Shirt");
  CHECK(names.name(data.train.labels[1]) == "Ankle boot");
  CHECK(&class_names_for_dataset("MNIST train (60,000)") == &mnist_class_names());
  CHECK(&class_names_for_dataset("opencv digits train") == &mnist_class_names());
  CHECK(find_class_names("cifar") == nullptr);
  for (int k = 0; k < 10; ++k) CHECK(mnist_class_names().name(k) == std::to_string(k));
}
