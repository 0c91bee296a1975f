// digitlab export: a model file as JSON, for other tools and for reading.
#include <cstdio>
#include <memory>

#include "cli_common.hpp"
#include "commands.hpp"
#include "core/common/json_writer.hpp"
#include "core/linear_model/model_file.hpp"
#include "core/linear_model/setting_names.hpp"
#include "report_printing.hpp"

namespace digitlab {

namespace {

template <typename Derived>
void write_matrix(JsonWriter& j, const std::string& name, const Eigen::DenseBase<Derived>& a) {
  j.key(name).begin_array();
  for (Eigen::Index r = 0; r < a.rows(); ++r) {
    j.begin_array();
    for (Eigen::Index c = 0; c < a.cols(); ++c) j.value(static_cast<double>(a(r, c)));
    j.end_array();
  }
  j.end_array();
}

}  // namespace

int run_export(int argc, char** argv) {
  Args args(argc, argv, 2, kCommonSwitches);
  if (!args.has("model") || !args.has("out")) throw DataError("export needs --model FILE --out FILE.json");
  const ModelFile m = load_model(args.get("model"));
  const std::string out = args.get("out");
  check_unused(args);
  const Pipeline& p = m.pipeline;
  JsonWriter j;
  j.begin_object().key("format").value("digitlab-model").key("version").value(static_cast<int>(kModelFileVersion))
      .key("dataset").value(m.dataset).key("image_rows").value(m.image_rows).key("image_cols").value(m.image_cols)
      .key("pipeline").value(describe(p.settings())).key("scaling").value(to_string(p.settings().scaling))
      .key("pca_components").value(p.settings().pca_components).key("poly_degree").value(p.settings().poly_degree)
      .key("n_classes").value(p.model().n_classes());
  if (p.standard_scaler()) {
    write_matrix(j, "scaler_mean", p.standard_scaler()->mean().transpose());
    write_matrix(j, "scaler_scale", p.standard_scaler()->scale().transpose());
  }
  if (p.minmax_scaler()) {
    write_matrix(j, "scaler_min", p.minmax_scaler()->data_min().transpose());
    write_matrix(j, "scaler_range", p.minmax_scaler()->data_range().transpose());
  }
  if (p.pca()) {
    write_matrix(j, "pca_mean", p.pca()->mean().transpose());
    write_matrix(j, "pca_components", p.pca()->components());
  }
  write_matrix(j, "coef", p.model().coef());
  write_matrix(j, "intercept", p.model().intercept().transpose());
  j.end_object();
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(out.c_str(), "wb"), &std::fclose);
  if (!file || std::fputs(j.str().c_str(), file.get()) < 0) throw DataError(out + ": cannot write");
  std::fprintf(stderr, "wrote %s (%zu bytes)\n", out.c_str(), j.str().size());
  return 0;
}

}  // namespace digitlab
