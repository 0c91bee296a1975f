#include <catch2/catch.hpp>

#include <cmath>

#include "core/common/json_writer.hpp"

using namespace digitlab;

TEST_CASE("JSON writer: commas, escapes, null for non-finite", "[json]") {
  JsonWriter j;
  j.begin_object().key("step").value("raw \"pixels\"").key("n").value(3).key("acc").value(0.5)
      .key("bad").value(std::nan("")).key("list").begin_array().value(1).value(true).end_array().end_object();
  CHECK(j.str() == R"({"step":"raw \"pixels\"","n":3,"acc":0.5,"bad":null,"list":[1,true]})");
}
