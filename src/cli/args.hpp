// Command-line arguments: `--name value` options, `--flag` switches, positionals.
// Each command declares its switches; any other --name takes the next word.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace digitlab {

class Args {
 public:
  Args(int argc, char** argv, int first, const std::set<std::string>& switches);

  bool has(const std::string& name) const;
  std::string get(const std::string& name, const std::string& fallback = "") const;
  int get_int(const std::string& name, int fallback) const;
  double get_double(const std::string& name, double fallback) const;
  const std::vector<std::string>& positional() const { return positional_; }
  // Names given but never asked for: typos the user should hear about.
  std::vector<std::string> unused() const;

 private:
  std::map<std::string, std::string> options_;
  std::vector<std::string> positional_;
  mutable std::set<std::string> asked_;
};

}  // namespace digitlab
