// The text forms of the pipeline's choices (src/core/linear_model/setting_names.hpp) and
// the tutorial's presets (src/core/linear_model/presets.hpp), shared by the CLI and the page.
#include <catch2/catch.hpp>

#include <string>

#include "core/linear_model/presets.hpp"
#include "core/linear_model/setting_names.hpp"

using namespace digitlab;

TEST_CASE("every choice's name parses back to it, in the enum's order", "[setting_names]") {
  CHECK(std::string(to_string(Scaling::None)) == "none");
  CHECK(std::string(to_string(Scaling::Standard)) == "standard");
  CHECK(std::string(to_string(Scaling::MinMax)) == "minmax");
  CHECK(std::string(to_string(MultiClass::Multinomial)) == "multinomial");
  CHECK(std::string(to_string(MultiClass::OneVsRest)) == "ovr");
  CHECK(std::string(to_string(Solver::Lbfgs)) == "lbfgs");
  CHECK(std::string(to_string(Solver::MiniBatch)) == "minibatch");
  for (Scaling s : {Scaling::None, Scaling::Standard, Scaling::MinMax}) CHECK(parse_name<Scaling>(to_string(s)) == s);
  for (Solver s : {Solver::Lbfgs, Solver::MiniBatch}) CHECK(parse_name<Solver>(to_string(s)) == s);
  CHECK_FALSE(parse_name<Scaling>("MinMax"));  // names are exact
  CHECK_FALSE(parse_name<Solver>("sgd"));
  // The page's combo boxes list their items in this order.
  CHECK(enum_from_index<Scaling>(2) == Scaling::MinMax);
  CHECK(enum_from_index<MultiClass>(1) == MultiClass::OneVsRest);
  CHECK(enum_from_index<Solver>(1) == Solver::MiniBatch);
}

TEST_CASE("the command line's switches name the choices when given a wrong one", "[setting_names]") {
  CHECK(parse_switch<Solver>("--solver", "minibatch") == Solver::MiniBatch);
  CHECK_THROWS_WITH(parse_switch<Solver>("--solver", "sgd"), "--solver is lbfgs, minibatch, newton-cg or sag, not 'sgd'");
  CHECK_THROWS_WITH(parse_switch<Scaling>("--scaling", "l2"), "--scaling is none, standard or minmax, not 'l2'");
  CHECK_THROWS_AS(parse_switch<MultiClass>("--multi-class", "softmax"), DataError);
}

// The tutorial (../shared/seed/000_ad71aae620f10e04.txt): line 228 LogisticRegression(
// max_iter=2000) on raw pixels; lines 572, 632, 728, 754 LogisticRegression(max_iter=1000,
// class_weight='balanced') for StandardScaler (604), MinMaxScaler (661), PCA(n_components=30)
// on the min-max pixels (688) and PolynomialFeatures(degree=2) after it (736).
TEST_CASE("each preset is the tutorial's step", "[setting_names]") {
  struct Expected {
    const char* key;
    Scaling scaling;
    int pca, poly, max_iter;
    bool balanced;
  };
  const Expected table[] = {
      {"raw", Scaling::None, 0, 1, 2000, false},       {"standard", Scaling::Standard, 0, 1, 1000, true},
      {"minmax", Scaling::MinMax, 0, 1, 1000, true},   {"pca30", Scaling::MinMax, 30, 1, 1000, true},
      {"poly2", Scaling::MinMax, 30, 2, 1000, true},
      {"best", Scaling::MinMax, 50, 2, 1000, true},  // past the tutorial: PCA 50 (README)
  };
  REQUIRE(presets().size() == std::size(table));
  for (std::size_t i = 0; i < std::size(table); ++i) {
    const Expected& e = table[i];
    INFO(e.key);
    CHECK(std::string(presets()[i].key) == e.key);
    const Preset* p = find_preset(e.key);
    REQUIRE(p == &presets()[i]);
    const PipelineSettings& s = p->settings;
    CHECK(s.scaling == e.scaling);
    CHECK(s.pca_components == e.pca);
    CHECK(s.poly_degree == e.poly);
    CHECK(s.model.max_iter == e.max_iter);
    CHECK(s.model.balanced == e.balanced);
    // Everything else is scikit-learn's default, as in the tutorial: C=1, lbfgs, softmax.
    CHECK(s.model.C == 1.0);
    CHECK(s.model.solver == Solver::Lbfgs);
    CHECK(s.model.multi_class == MultiClass::Multinomial);
  }
  CHECK(find_preset("pca50") == nullptr);
  CHECK(preset_choices() == "raw, standard, minmax, pca30, poly2 or best");
}
