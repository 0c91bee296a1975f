// A labelled image dataset (MNIST, Fashion-MNIST, or the opencv digits fallback).
//
//   Dataset train = load_idx_dataset(dir + "/train-images-idx3-ubyte.gz",
//                                    dir + "/train-labels-idx1-ubyte.gz", "MNIST train");
//   Matrix X = train.features();   // n x 784 float, raw 0..255
#pragma once

#include <string>
#include <vector>

#include "core/data/idx_file.hpp"
#include "core/common/types.hpp"

namespace digitlab {

struct Dataset {
  std::string name;
  int image_rows = 0;
  int image_cols = 0;
  int n_classes = 10;
  PixelMatrix pixels;  // one image per row, 0..255
  Labels labels;

  int size() const { return static_cast<int>(labels.size()); }
  int pixel_count() const { return image_rows * image_cols; }
  Matrix features() const;  // pixels as float32, still 0..255
};

// Reads an IDX image file and its label file; checks that counts agree and that every
// label lies in 0..n_classes-1.
Dataset load_idx_dataset(const std::string& images_path, const std::string& labels_path,
                         const std::string& name, int n_classes = 10);

// Why an IDX array cannot serve as images (3 dimensions, at least one image, each side
// 1..4096) or as labels of n_classes classes (1 dimension, values 0..n_classes-1); an
// empty string when it can. make_dataset and `digitlab inspect --as` both ask.
std::string image_array_problem(const IdxArray& images);
std::string label_array_problem(const IdxArray& labels, int n_classes = 10);

// The same from IDX arrays already read (the page receives files as bytes).
Dataset make_dataset(const IdxArray& images, const IdxArray& labels, const std::string& images_name,
                     const std::string& labels_name, const std::string& name, int n_classes = 10);

// Rows `indices` of `data`, in that order.
Dataset take(const Dataset& data, const std::vector<int>& indices);

// `first` followed by `second` (same image shape).
Dataset concatenate(const Dataset& first, const Dataset& second);

// Counts of each label.
std::vector<int> class_counts(const Labels& labels, int n_classes);

}  // namespace digitlab
