// The page's one key=value parser (src/app/logic/key_values.hpp): the address's query and
// window.digitlab.train's items, split, decoded, read, and each problem put into words.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "app/logic/key_values.hpp"

using namespace digitlab;
using namespace digitlab::app;

TEST_CASE("URL decoding: %XX, '+' as a space, a stray '%' left as it is", "[key_values]") {
  CHECK(url_decode("a%20b") == "a b");
  CHECK(url_decode("a+b") == "a b");
  CHECK(url_decode("%41%62%3d") == "Ab=");  // 0x41 'A', 0x62 'b', 0x3d '='
  CHECK(url_decode("100%") == "100%");
  CHECK(url_decode("%zz%4") == "%zz%4");
  CHECK(url_decode("%2B") == "+");  // an encoded plus stays a plus
}

TEST_CASE("the address's query: '?' dropped, '&' between items, keys and values decoded", "[key_values]") {
  const std::vector<KeyValue> items = split_query("?panel=pca&my%20key=a+b&&run&sizes=0.2%2C0.5");
  REQUIRE(items.size() == 4);
  CHECK((items[0].key == "panel" && items[0].value == "pca"));
  CHECK((items[1].key == "my key" && items[1].value == "a b"));
  CHECK((items[2].key == "run" && items[2].value.empty()));  // no '=': an empty value
  CHECK((items[3].key == "sizes" && items[3].value == "0.2,0.5"));
  CHECK(split_query("").empty());
  CHECK(split_query("?").empty());
}

TEST_CASE("train()'s items are split on ';' and not decoded", "[key_values]") {
  const std::vector<KeyValue> items = split_key_values("preset=poly2;subset=1000;;a%20b=c+d", ';');
  REQUIRE(items.size() == 3);
  CHECK((items[0].key == "preset" && items[0].value == "poly2"));
  CHECK((items[1].key == "subset" && items[1].value == "1000"));
  CHECK((items[2].key == "a%20b" && items[2].value == "c+d"));
}

TEST_CASE("numbers: the whole text, finite", "[key_values]") {
  CHECK(parse_number("42") == 42.0);
  CHECK(parse_number("-0.5") == -0.5);
  CHECK(parse_number("1e+30") == 1e30);  // how JavaScript writes 1e30
  CHECK_FALSE(parse_number(""));
  CHECK_FALSE(parse_number("abc"));
  CHECK_FALSE(parse_number("12abc"));
  CHECK_FALSE(parse_number(" 12"));
  CHECK_FALSE(parse_number("nan"));
  CHECK_FALSE(parse_number("inf"));
  CHECK_FALSE(parse_number("1e999"));  // overflows to infinity
}

TEST_CASE("readers set the value, or leave it and say what was expected", "[key_values]") {
  ParseProblems problems;
  int n = 7;
  CHECK(read_int({"subset", "1000"}, {1, 60000}, n, problems));
  CHECK(n == 1000);
  CHECK(problems.empty());

  CHECK_FALSE(read_int({"subset", "abc"}, {1, 60000}, n, problems));
  CHECK_FALSE(read_int({"subset", "0"}, {1, 60000}, n, problems));      // below the range
  CHECK_FALSE(read_int({"subset", "60001"}, {1, 60000}, n, problems));  // above it
  CHECK_FALSE(read_int({"subset", "2.5"}, {1, 60000}, n, problems));    // not whole
  CHECK(n == 1000);
  CHECK(problems.text() ==
        "subset=abc: expected a whole number from 1 to 60000; subset=0: expected a whole number from 1 to 60000; "
        "subset=60001: expected a whole number from 1 to 60000; subset=2.5: expected a whole number from 1 to 60000");

  ParseProblems more;
  float rate = 0.1f;
  CHECK_FALSE(read_number({"learning_rate", "0"}, {1e-9, std::numeric_limits<double>::infinity()}, rate, more));
  CHECK(rate == 0.1f);
  CHECK(read_number({"learning_rate", "1e+30"}, {1e-9, std::numeric_limits<double>::infinity()}, rate, more));
  CHECK(rate == 1e30f);
  bool flag = false;
  CHECK(read_bool({"balanced", "true"}, flag, more));
  CHECK(flag);
  CHECK_FALSE(read_bool({"balanced", "yes"}, flag, more));
  CHECK(flag);
  more.unknown_key({"sbset", "10"});
  CHECK(more.text() ==
        "learning_rate=0: expected a number from 1e-09 up; balanced=yes: expected 1, 0, true or false; unknown key 'sbset'");
}

TEST_CASE("names come from the core's tables; a wrong one is listed against them", "[key_values]") {
  ParseProblems problems;
  Scaling scaling = Scaling::None;
  CHECK(read_name({"scaling", "standard"}, scaling, problems));
  CHECK(scaling == Scaling::Standard);
  CHECK_FALSE(read_name({"scaling", "min-max"}, scaling, problems));  // the table's name is minmax
  CHECK(scaling == Scaling::Standard);
  MultiClass model = MultiClass::Multinomial;
  CHECK(read_name({"model", "ovr"}, model, problems));
  CHECK(model == MultiClass::OneVsRest);
  CHECK(problems.text() == "scaling=min-max: expected none, standard or minmax");
}
