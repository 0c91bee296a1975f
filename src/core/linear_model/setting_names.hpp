// The text forms of the pipeline's choices (scaling, softmax or one-vs-rest, solver): one
// table per enum, in the enum's order, used by the command line (--scaling minmax), the
// page's train({scaling: 'minmax'}) and address (?scaling=minmax), and the page's combo
// boxes, whose items are listed in the same order (so a combo index is the enum's value).
//
//   to_string(Solver::MiniBatch)                 -> "minibatch"
//   std::optional<Scaling> s = parse_name<Scaling>("standard");   // nullopt if unknown
//   name_choices<Scaling>()                      -> "none, standard or minmax"
//   enum_from_index<Scaling>(2)                  -> Scaling::MinMax (a combo's index)
#pragma once

#include <array>
#include <cassert>
#include <optional>
#include <string>

#include "core/linear_model/logistic_regression.hpp"
#include "core/linear_model/pipeline.hpp"

namespace digitlab {

// kNames[i] is the name of the enum's value i.
template <class Enum> struct EnumNames;
template <> struct EnumNames<Scaling> {
  static constexpr std::array<const char*, 3> kNames = {"none", "standard", "minmax"};
};
template <> struct EnumNames<MultiClass> {  // scikit-learn's multi_class values
  static constexpr std::array<const char*, 2> kNames = {"multinomial", "ovr"};
};
template <> struct EnumNames<Solver> {
  static constexpr std::array<const char*, 4> kNames = {"lbfgs", "minibatch", "newton-cg", "sag"};
};

template <class Enum> constexpr int enum_count() { return static_cast<int>(EnumNames<Enum>::kNames.size()); }

template <class Enum> const char* name_of(Enum value) {
  const int i = static_cast<int>(value);
  assert(i >= 0 && i < enum_count<Enum>() && "name_of: a value outside the enum");
  return EnumNames<Enum>::kNames[static_cast<std::size_t>(i)];
}

template <class Enum> std::optional<Enum> parse_name(const std::string& name) {
  for (int i = 0; i < enum_count<Enum>(); ++i)
    if (name == EnumNames<Enum>::kNames[static_cast<std::size_t>(i)]) return static_cast<Enum>(i);
  return std::nullopt;
}

// The names for a message: "none, standard or minmax".
template <class Enum> std::string name_choices() {
  std::string text;
  for (int i = 0; i < enum_count<Enum>(); ++i) {
    if (i > 0) text += i + 1 == enum_count<Enum>() ? " or " : ", ";
    text += EnumNames<Enum>::kNames[static_cast<std::size_t>(i)];
  }
  return text;
}

// A combo box's index (the page's form keeps ints for ImGui) as the enum.
template <class Enum> Enum enum_from_index(int index) {
  assert(index >= 0 && index < enum_count<Enum>() && "enum_from_index: an index outside the enum");
  return static_cast<Enum>(index);
}

inline const char* to_string(Scaling value) { return name_of(value); }
inline const char* to_string(MultiClass value) { return name_of(value); }
inline const char* to_string(Solver value) { return name_of(value); }

// For the command line: the value, or a DataError naming the switch and the choices
// ("--solver is lbfgs, minibatch, newton-cg or sag, not 'sgd'").
template <class Enum> Enum parse_switch(const std::string& switch_name, const std::string& name) {
  if (const std::optional<Enum> value = parse_name<Enum>(name)) return *value;
  throw DataError(switch_name + " is " + name_choices<Enum>() + ", not '" + name + "'");
}

}  // namespace digitlab
