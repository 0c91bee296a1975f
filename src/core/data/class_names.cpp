#include "core/data/class_names.hpp"

namespace digitlab {

const ClassNames& mnist_class_names() {
  static const ClassNames names{"mnist", "MNIST", "digit", "digits",
                                {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"},
                                {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}};
  return names;
}

const ClassNames& fashion_class_names() {
  static const ClassNames names{
      "fashion", "Fashion-MNIST", "item", "items",
      {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"},
      {"Tshirt", "Trouser", "Pullov", "Dress", "Coat", "Sandal", "Shirt", "Sneakr", "Bag", "Boot"}};
  return names;
}

const ClassNames* find_class_names(const std::string& key) {
  if (key == mnist_class_names().key) return &mnist_class_names();
  if (key == fashion_class_names().key) return &fashion_class_names();
  return nullptr;
}

const ClassNames& class_names_for_dataset(const std::string& dataset_name) {
  return dataset_name.rfind("Fashion-MNIST", 0) == 0 ? fashion_class_names() : mnist_class_names();
}

}  // namespace digitlab
