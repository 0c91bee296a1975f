// What a dataset's ten classes are called, for every place a label is shown.
//
//   const ClassNames& names = class_names_for("fashion");
//   names.name(6)        -> "Shirt"
//   names.short_name(9)  -> "Boot"     (axes and bars, at most 6 characters)
//   names.item           -> "item"     (MNIST: "digit")
#pragma once

#include <array>
#include <string>

namespace digitlab {

struct ClassNames {
  std::string key;     // "mnist" or "fashion": the page's data= value
  std::string title;   // "MNIST" or "Fashion-MNIST"
  std::string item;    // what one image is called in running text: "digit" or "item"
  std::string items;   // its plural
  std::array<std::string, 10> names;        // "0".."9", or Fashion-MNIST's class names
  std::array<std::string, 10> short_names;  // for axes and bar labels

  const std::string& name(int k) const { return names.at(static_cast<std::size_t>(k)); }
  const std::string& short_name(int k) const { return short_names.at(static_cast<std::size_t>(k)); }
  bool digits() const { return key == "mnist"; }
};

const ClassNames& mnist_class_names();
// Zalando's labels 0..9 (github.com/zalandoresearch/fashion-mnist, README "Labels").
const ClassNames& fashion_class_names();
// By the key above; nullptr for any other key.
const ClassNames* find_class_names(const std::string& key);
// From a dataset's name as load_data_dir writes it ("Fashion-MNIST train", "MNIST test").
const ClassNames& class_names_for_dataset(const std::string& dataset_name);

}  // namespace digitlab
