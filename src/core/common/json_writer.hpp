// A minimal JSON writer for flat records and arrays (CLI --json output, the page's
// window.digitlab.state()). Non-finite numbers become null, as JSON has no NaN.
//
//   JsonWriter j;
//   j.begin_object().key("accuracy").value(0.92).key("step").value("raw").end_object();
//   std::string text = j.str();
#pragma once

#include <string>
#include <vector>

namespace digitlab {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(const std::string& name);
  JsonWriter& value(double number);
  JsonWriter& value(long long number);
  JsonWriter& value(int number) { return value(static_cast<long long>(number)); }
  JsonWriter& value(bool flag);
  JsonWriter& value(const std::string& text);
  JsonWriter& value(const char* text) { return value(std::string(text)); }
  JsonWriter& null();
  const std::string& str() const { return out_; }

 private:
  void separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written yet
  bool after_key_ = false;
};

}  // namespace digitlab
