// One key=value parser for the page's two ways in: window.digitlab.train({...}), which
// reaches the program as "preset=poly2;subset=1000", and the address's query,
// "?panel=pca&components=30". It splits, URL-decodes, reads numbers and names, and keeps
// one message per problem: an unknown key, a value that is no number, a number out of
// range, a name not in the list.
//
//   ParseProblems problems;
//   for (const KeyValue& item : split_key_values(spec, ';')) {
//     if (item.key == "subset") read_int(item, {1, 1000000}, form.subset, problems);
//     else problems.unknown_key(item);
//   }
//   if (!problems.empty()) notice(problems.text());  // "unknown key 'sbset'; ..."
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/linear_model/setting_names.hpp"

namespace digitlab::app {

struct KeyValue {
  std::string key, value;  // an item without '=' has an empty value
};

// "a=1;b=2" split on `separator`; empty items are skipped. With url_decoded, keys and
// values are URL-decoded ("%20" and '+' are spaces), as in an address.
std::vector<KeyValue> split_key_values(const std::string& text, char separator, bool url_decoded = false);
// The address's query (location.search): a leading '?' dropped, '&' between items, decoded.
std::vector<KeyValue> split_query(const std::string& query);
// "%41" -> 'A', '+' -> ' '; a '%' not followed by two hex digits stays as it is.
std::string url_decode(const std::string& text);

// The whole text as a finite number ("1e-3", "42"); nullopt for "", "12abc", "nan", "inf".
std::optional<double> parse_number(const std::string& text);

// The values a numeric key takes, both ends included.
struct NumberRange {
  double low, high;
};

// What went wrong while reading a list of items, in their order; the same message twice
// (one key read by several chapters) is kept once.
class ParseProblems {
 public:
  void unknown_key(const KeyValue& item);
  void bad_value(const KeyValue& item, const std::string& expected);
  // A number outside what the setting takes, replaced by the nearest it takes:
  // "threshold=7: between 0.01 and 0.99; used 0.99".
  void out_of_range(const KeyValue& item, NumberRange range, double used);
  bool empty() const { return problems_.empty(); }
  // "unknown key 'sbset'; subset=abc: expected a whole number from 1 to 1000000"
  std::string text() const;

 private:
  void add(std::string problem);
  std::vector<std::string> problems_;
};

// A number as short as it can be written and still read back as the same double
// ("0.7", "1000", "1e-06").
std::string number_text(double x);
// The same for a float: "0.7" reads back as 0.7f, where the double's digits of 0.7f
// would be "0.699999988".
std::string number_text(float x);

// Each reader sets `out` and returns true, or leaves it and reports the item.
bool read_int(const KeyValue& item, NumberRange range, int& out, ParseProblems& problems);
bool read_number(const KeyValue& item, NumberRange range, double& out, ParseProblems& problems);
bool read_number(const KeyValue& item, NumberRange range, float& out, ParseProblems& problems);
bool read_bool(const KeyValue& item, bool& out, ParseProblems& problems);  // 1, 0, true, false

// A name from the enum's table (setting_names.hpp), or a message listing them.
template <class Enum> bool read_name(const KeyValue& item, Enum& out, ParseProblems& problems) {
  if (const std::optional<Enum> value = parse_name<Enum>(item.value)) {
    out = *value;
    return true;
  }
  problems.bad_value(item, name_choices<Enum>());
  return false;
}

}  // namespace digitlab::app
