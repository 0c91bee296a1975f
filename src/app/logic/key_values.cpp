#include "app/logic/key_values.hpp"

#include <cctype>
#include <cmath>
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
std::string number_text(double x) {
  std::ostringstream out;
  if (x == std::floor(x) && std::fabs(x) < 1e15) out << static_cast<long long>(x);
  else out << x;
  return out.str();
}

std::string range_text(NumberRange range) {
  if (std::isinf(range.high)) return "from " + number_text(range.low) + " up";
  return "from " + number_text(range.low) + " to " + number_text(range.high);
}

}  // namespace

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

void ParseProblems::unknown_key(const KeyValue& item) { problems_.push_back("unknown key '" + item.key + "'"); }

void ParseProblems::bad_value(const KeyValue& item, const std::string& expected) {
  problems_.push_back(item.key + "=" + item.value + ": expected " + expected);
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
