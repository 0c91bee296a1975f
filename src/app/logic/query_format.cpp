#include "app/logic/query_format.hpp"

#include <cctype>

namespace digitlab::app {

std::string url_encode(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const unsigned char byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

std::string format_query(const std::vector<KeyValue>& items) {
  std::string out;
  for (const KeyValue& item : items) {
    if (!out.empty()) out += '&';
    out += url_encode(item.key) + '=' + url_encode(item.value);
  }
  return out;
}

}  // namespace digitlab::app
