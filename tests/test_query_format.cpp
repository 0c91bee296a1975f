// The page's address written from what it shows (issue 15): values escaped by
// format_query (src/app/logic/query_format.hpp) read back the same through split_query,
// and the Train form written as items (train_form_items) reads back as the same form.
#include <catch2/catch.hpp>

#include <random>

#include "app/logic/query_format.hpp"
#include "app/logic/train_form.hpp"
#include "core/linear_model/presets.hpp"

using namespace digitlab;
using namespace digitlab::app;

namespace {

bool same_items(const std::vector<KeyValue>& a, const std::vector<KeyValue>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].key != b[i].key || a[i].value != b[i].value) return false;
  return true;
}

// Every field of the form that a run or the panel reads (not the focus request).
void check_same_form(const TrainForm& a, const TrainForm& b) {
  CHECK(a.preset == b.preset);
  CHECK(a.subset == b.subset);
  CHECK(a.scaling == b.scaling);
  CHECK(a.pca_on == b.pca_on);
  if (a.pca_on) CHECK(a.pca_components == b.pca_components);
  CHECK(a.poly_degree == b.poly_degree);
  CHECK(a.C == b.C);
  CHECK(a.balanced == b.balanced);
  CHECK(a.multi_class == b.multi_class);
  CHECK(a.solver == b.solver);
  CHECK(a.stop_rule == b.stop_rule);
  CHECK(a.max_iter == b.max_iter);
  CHECK(a.learning_rate == b.learning_rate);
  CHECK(a.batch_size == b.batch_size);
}

// The form as the address carries it: "train."-prefixed items in a query, read back onto
// a new form, marked as edited by hand when it is not its preset's (url_query.cpp).
TrainForm through_address(const TrainForm& form) {
  std::vector<KeyValue> items;
  for (const KeyValue& item : train_form_items(form)) items.push_back({"train." + item.key, item.value});
  ParseProblems problems;
  TrainForm read = read_train_items(TrainForm{}, split_query("?" + format_query(items)), problems, "train.");
  CHECK(problems.text() == "");
  if (!matches_preset(read)) read.preset = -1;
  return read;
}

}  // namespace

TEST_CASE("url_encode escapes what would end or change an item, and nothing a reader needs", "[address]") {
  CHECK(url_encode("panel") == "panel");
  CHECK(url_encode("0.2,0.5") == "0.2,0.5");
  CHECK(url_encode("1e-06") == "1e-06");
  CHECK(url_encode("a&b=c") == "a%26b%3Dc");
  CHECK(url_encode("50% + 1#") == "50%25%20%2B%201%23");
  CHECK(url_encode("\xC3\xA9") == "%C3%A9");  // UTF-8 bytes, one escape each
  CHECK(format_query({}) == "");
  CHECK(format_query({{"panel", "sigmoid"}, {"threshold", "0.7"}}) == "panel=sigmoid&threshold=0.7");
  CHECK(format_query({{"run", ""}}) == "run=");
}

TEST_CASE("split_query(format_query(items)) gives the items back, whatever their bytes", "[address]") {
  const std::vector<KeyValue> tricky = {
      {"panel", "sigmoid"}, {"a&b", "c=d"}, {"plus", "1+1"}, {"space", "a b"}, {"percent", "100%"},
      {"percent_hex", "%41"}, {"hash", "#x"}, {"question", "?q"}, {"empty", ""}, {"utf8", "\xC3\xA9t\xC3\xA9"},
      {"sizes", "0.2,0.5"}, {"semicolon", "a;b"}};
  CHECK(same_items(split_query(format_query(tricky)), tricky));
  CHECK(same_items(split_query("?" + format_query(tricky)), tricky));

  // Every byte but '\0' in keys and values: a missed escape shows up as a changed item.
  std::mt19937 rng(42);
  for (int round = 0; round < 200; ++round) {
    std::vector<KeyValue> items;
    for (int i = 0; i < 4; ++i) {
      KeyValue item;
      for (int k = 1 + static_cast<int>(rng() % 6); k > 0; --k) item.key += static_cast<char>(1 + rng() % 255);
      for (int k = static_cast<int>(rng() % 8); k > 0; --k) item.value += static_cast<char>(1 + rng() % 255);
      items.push_back(item);
    }
    INFO("round " << round);
    CHECK(same_items(split_query(format_query(items)), items));
  }
}

TEST_CASE("number_text: as short as reads back the same number", "[address]") {
  CHECK(number_text(0.7f) == "0.7");
  CHECK(number_text(0.05f) == "0.05");
  CHECK(number_text(1000.0f) == "1000");
  CHECK(number_text(0.1) == "0.1");
  CHECK(number_text(1e-6) == "1e-06");
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> any(-1e4f, 1e4f);
  for (int i = 0; i < 1000; ++i) {
    const float x = any(rng) / 997.0f;
    CHECK(static_cast<float>(std::stod(number_text(x))) == x);
    const double y = static_cast<double>(x) / 3.0;
    CHECK(std::stod(number_text(y)) == y);
  }
}

TEST_CASE("a new Train form writes nothing; every other form reads back the same", "[address]") {
  CHECK(train_form_items(TrainForm{}).empty());

  for (std::size_t i = 0; i < presets().size(); ++i) {
    INFO("preset " << presets()[i].key);
    TrainForm form;
    apply_preset(form, static_cast<int>(i));
    check_same_form(through_address(form), form);
    form.subset = 2345;     // the preset keeps these
    form.stop_rule = 1;
    check_same_form(through_address(form), form);
  }

  TrainForm edited;  // by hand, away from every preset
  edited.preset = -1;
  edited.subset = 1500;
  edited.scaling = 1;
  edited.pca_on = true;
  edited.pca_components = 12;
  edited.poly_degree = 1;
  edited.C = 0.123f;
  edited.balanced = false;
  edited.multi_class = 1;
  edited.solver = 1;
  edited.stop_rule = 1;
  edited.max_iter = 77;
  edited.learning_rate = 0.0333f;
  edited.batch_size = 64;
  check_same_form(through_address(edited), edited);

  TrainForm no_pca;
  no_pca.preset = -1;
  no_pca.pca_on = false;
  check_same_form(through_address(no_pca), no_pca);
  CHECK(format_query(train_form_items(no_pca)) == "pca=0");
}

TEST_CASE("a number out of range is reported with the value used, once", "[address]") {
  ParseProblems problems;
  problems.out_of_range({"threshold", "7"}, {0.01, 0.99}, 0.99);
  problems.out_of_range({"threshold", "7"}, {0.01, 0.99}, 0.99);  // a second chapter with the key
  problems.out_of_range({"subset", "5"}, {100, 60000}, 100);
  CHECK(problems.text() == "threshold=7: between 0.01 and 0.99; used 0.99; subset=5: between 100 and 60000; used 100");
}
