// The Train panel's form and window.digitlab.train (src/app/logic/train_form.hpp), and the
// check before a run starts (src/app/logic/training_request.hpp).
#include <catch2/catch.hpp>

#include "app/logic/train_form.hpp"
#include "app/logic/training_request.hpp"
#include "core/linear_model/presets.hpp"

using namespace digitlab;
using namespace digitlab::app;

TEST_CASE("a preset fills the form and keeps the learner's number of digits", "[train_form]") {
  for (std::size_t i = 0; i < presets().size(); ++i) {
    INFO(presets()[i].key);
    TrainForm form;
    form.subset = 1234;
    form.C = 5.0f;       // edited by hand before: a preset brings C back to 1
    form.solver = 1;
    apply_preset(form, static_cast<int>(i));
    CHECK(form.preset == static_cast<int>(i));
    CHECK(form.subset == 1234);
    CHECK(preset_index(presets()[i].key) == static_cast<int>(i));
    // The form stands for exactly the preset's settings.
    const PipelineSettings s = to_settings(form), p = presets()[i].settings;
    CHECK(s.scaling == p.scaling);
    CHECK(s.pca_components == p.pca_components);
    CHECK(s.poly_degree == p.poly_degree);
    CHECK(s.model.max_iter == p.model.max_iter);
    CHECK(s.model.balanced == p.model.balanced);
    CHECK(s.model.C == p.model.C);
    CHECK(s.model.solver == p.model.solver);
    CHECK(s.model.multi_class == p.model.multi_class);
  }
  TrainForm raw;
  apply_preset(raw, preset_index("raw"));
  CHECK_FALSE(raw.pca_on);
  CHECK(raw.pca_components == 30);  // the slider keeps a usable value for when PCA is ticked
  CHECK(preset_index("poly3") == -1);
}

TEST_CASE("train()'s items set the form in order", "[train_form]") {
  ParseProblems problems;
  TrainForm form;
  form.subset = 500;
  form = read_train_spec(form, "preset=minmax;subset=1000;max_iter=50;model=ovr;solver=minibatch;learning_rate=0.01;"
                         "batch_size=64;C=0.5;balanced=0;scaling=standard;pca=40;poly=2", problems);
  CHECK(problems.text() == "");
  CHECK(form.preset == preset_index("minmax"));
  CHECK(form.subset == 1000);
  const PipelineSettings s = to_settings(form);
  CHECK(s.model.max_iter == 50);
  CHECK(s.model.multi_class == MultiClass::OneVsRest);
  CHECK(s.model.solver == Solver::MiniBatch);
  CHECK(s.model.learning_rate == Approx(0.01));
  CHECK(s.model.batch_size == 64);
  CHECK(s.model.C == 0.5);
  CHECK_FALSE(s.model.balanced);
  CHECK(s.scaling == Scaling::Standard);
  CHECK(s.pca_components == 40);
  CHECK(s.poly_degree == 2);

  // pca=0 turns PCA off; a preset after a key overrides it, as the items come in order.
  form = read_train_spec(form, "pca=0", problems);
  CHECK_FALSE(form.pca_on);
  CHECK(to_settings(form).pca_components == 0);
  form = read_train_spec(form, "max_iter=7;preset=poly2", problems);
  CHECK(form.max_iter == 1000);
  CHECK(problems.empty());
}

TEST_CASE("train(): an unknown key, a bad value or one out of range is named, each of them", "[train_form]") {
  ParseProblems problems;
  TrainForm before;
  const TrainForm after = read_train_spec(
      before, "preset=poly3;subset=abc;max_iter=0;poly=3;scaling=min-max;model=softmax;balanced=yes;sbset=10", problems);
  CHECK(problems.text() ==
        "preset=poly3: expected raw, standard, minmax, pca30, poly2 or best; "
        "subset=abc: expected a whole number from 1 to 10000000; "
        "max_iter=0: expected a whole number from 1 to 1000000; "
        "poly=3: expected a whole number from 1 to 2; "
        "scaling=min-max: expected none, standard or minmax; "
        "model=softmax: expected multinomial or ovr; "
        "balanced=yes: expected 1, 0, true or false; "
        "unknown key 'sbset'");
  // Nothing was set from them (the caller starts nothing anyway).
  CHECK(after.subset == before.subset);
  CHECK(after.max_iter == before.max_iter);
  CHECK(after.poly_degree == before.poly_degree);
  CHECK(after.scaling == before.scaling);
}

TEST_CASE("a run's digits: a validation slice held out, the subset kept within 100 and the rest", "[train_form]") {
  // 60,000 loaded: 2,000 held out (kCurveDigits); 5,000 loaded: a fifth, 1,000.
  CHECK(validation_digits(60000) == 2000);
  CHECK(max_fit_digits(60000) == 58000);
  CHECK(validation_digits(5000) == 1000);
  CHECK(max_fit_digits(5000) == 4000);
  TrainForm form;
  apply_preset(form, preset_index("poly2"));
  form.subset = 60000;
  TrainingRequest r = check_training_request(form, 60000, 784, page_training_limits());
  CHECK(r.refusal == "");
  CHECK(r.fit_digits == 58000);
  form.subset = 10;
  r = check_training_request(form, 60000, 784, page_training_limits());
  CHECK(r.fit_digits == 100);
  CHECK(r.estimate.features == 495);  // 30 components, degree 2: 30 + 30*31/2 (the tutorial's count)
}

TEST_CASE("a request the page cannot take is refused with why, before anything starts", "[train_form]") {
  TrainForm form;
  apply_preset(form, preset_index("poly2"));
  form.pca_components = 785;  // more components than pixels
  CHECK(check_training_request(form, 60000, 784, page_training_limits()).refusal ==
        "PCA components must be 0 (off) to 784");
  form.pca_components = 784;  // as many as pixels, then degree 2: the eigen step alone is too long
  const TrainingRequest r = check_training_request(form, 10000, 784, page_training_limits());
  CHECK_THAT(r.refusal, Catch::Contains("PCA with 784 components"));
  form.pca_components = 30;
  form.C = 0;
  CHECK(check_training_request(form, 10000, 784, page_training_limits()).refusal == "C must be a positive number");
}
