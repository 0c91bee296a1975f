#include "app/logic/key_values.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace digitlab::app {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
}

// "1e6" as "1000000", "0.5" as "0.5": the range as a learner would type it.
std::string range_end_text(double x) {
  std::ostringstream out;
  if (x == std::floor(x) && std::fabs(x) < 1e15) out << static_cast<long long>(x);
  else out << x;
  return out.str();
}

std::string range_text(NumberRange range) {
  if (std::isinf(range.high)) return "from " + range_end_text(range.low) + " up";
  return "from " + range_end_text(range.low) + " to " + range_end_text(range.high);
}

// The fewest significant digits (from 6) that read back as `x` through `read_back`.
template <class Number>
std::string shortest_text(Number x, int most_digits) {
  char text[40];
  for (int digits = 6; digits <= most_digits; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, static_cast<double>(x));
    if (static_cast<Number>(std::strtod(text, nullptr)) == x) break;
  }
  return text;
}

}  // namespace

std::string number_text(double x) { return shortest_text(x, 17); }
std::string number_text(float x) { return shortest_text(x, 9); }

std::string url_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 && hex_digit(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::vector<KeyValue> split_key_values(const std::string& text, char separator, bool url_decoded) {
  std::vector<KeyValue> items;
  std::stringstream parts(text);
  for (std::string part; std::getline(parts, part, separator);) {
    if (part.empty()) continue;
    const auto eq = part.find('=');
    KeyValue item{part.substr(0, eq), eq == std::string::npos ? "" : part.substr(eq + 1)};
    if (url_decoded) item = {url_decode(item.key), url_decode(item.value)};
    items.push_back(std::move(item));
  }
  return items;
}

std::vector<KeyValue> split_query(const std::string& query) {
  const bool mark = !query.empty() && query[0] == '?';
  return split_key_values(mark ? query.substr(1) : query, '&', true);
}

std::optional<double> parse_number(const std::string& text) {
  if (text.empty() || std::isspace(static_cast<unsigned char>(text[0]))) return std::nullopt;
  char* end = nullptr;
  const double x = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(x)) return std::nullopt;
  return x;
}

void ParseProblems::add(std::string problem) {
  if (std::find(problems_.begin(), problems_.end(), problem) == problems_.end()) problems_.push_back(std::move(problem));
}

void ParseProblems::unknown_key(const KeyValue& item) { add("unknown key '" + item.key + "'"); }

void ParseProblems::bad_value(const KeyValue& item, const std::string& expected) {
  add(item.key + "=" + item.value + ": expected " + expected);
}

void ParseProblems::out_of_range(const KeyValue& item, NumberRange range, double used) {
  add(item.key + "=" + item.value + ": between " + range_end_text(range.low) + " and " + range_end_text(range.high) +
      "; used " + range_end_text(used));
}

std::string ParseProblems::text() const {
  std::string out;
  for (const std::string& p : problems_) out += (out.empty() ? "" : "; ") + p;
  return out;
}

bool read_int(const KeyValue& item, NumberRange range, int& out, ParseProblems& problems) {
  const std::optional<double> x = parse_number(item.value);
  if (!x || *x != std::floor(*x) || *x < range.low || *x > range.high) {
    problems.bad_value(item, "a whole number " + range_text(range));
    return false;
  }
  out = static_cast<int>(*x);
  return true;
}

bool read_number(const KeyValue& item, NumberRange range, double& out, ParseProblems& problems) {
  const std::optional<double> x = parse_number(item.value);
  if (!x || *x < range.low || *x > range.high) {
    problems.bad_value(item, "a number " + range_text(range));
    return false;
  }
  out = *x;
  return true;
}

bool read_number(const KeyValue& item, NumberRange range, float& out, ParseProblems& problems) {
  double x = 0;
  if (!read_number(item, range, x, problems)) return false;
  out = static_cast<float>(x);
  return true;
}

bool read_bool(const KeyValue& item, bool& out, ParseProblems& problems) {
  const std::string& v = item.value;
  if (v == "1" || v == "true") out = true;
  else if (v == "0" || v == "false") out = false;
  else {
    problems.bad_value(item, "1, 0, true or false");
    return false;
  }
  return true;
}

}  // namespace digitlab::app
