#include "args.hpp"

#include <cstdlib>

#include "core/common/types.hpp"

namespace digitlab {

Args::Args(int argc, char** argv, int first, const std::set<std::string>& switches) {
  for (int i = first; i < argc; ++i) {
    std::string word = argv[i];
    if (word.rfind("--", 0) != 0 || word.size() == 2) {
      positional_.push_back(word);
      continue;
    }
    std::string name = word.substr(2);
    const auto equals = name.find('=');
    if (equals != std::string::npos) {
      options_[name.substr(0, equals)] = name.substr(equals + 1);
    } else if (switches.count(name)) {
      options_[name] = "1";
    } else {
      if (i + 1 >= argc) throw DataError("--" + name + " needs a value");
      options_[name] = argv[++i];
    }
  }
}

bool Args::has(const std::string& name) const {
  asked_.insert(name);
  return options_.count(name) > 0;
}

std::string Args::get(const std::string& name, const std::string& fallback) const {
  asked_.insert(name);
  auto it = options_.find(name);
  return it == options_.end() ? fallback : it->second;
}

int Args::get_int(const std::string& name, int fallback) const {
  if (!has(name)) return fallback;
  const std::string text = get(name);
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (end == text.c_str() || *end != '\0') throw DataError("--" + name + " expects a whole number, got '" + text + "'");
  return static_cast<int>(value);
}

double Args::get_double(const std::string& name, double fallback) const {
  if (!has(name)) return fallback;
  const std::string text = get(name);
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0') throw DataError("--" + name + " expects a number, got '" + text + "'");
  return value;
}

std::vector<std::string> Args::unused() const {
  std::vector<std::string> names;
  for (const auto& [name, value] : options_)
    if (!asked_.count(name)) names.push_back("--" + name);
  return names;
}

}  // namespace digitlab
