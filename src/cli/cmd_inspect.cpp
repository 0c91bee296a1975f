// digitlab inspect FILE [--as images|labels]: tells an IDX file from a model file and
// summarizes it, saying whether an IDX array can serve as images and as labels.
// Any problem: one line naming the file and the problem, exit status 2 (from main); with
// --as, an array that cannot serve as asked is such a problem, after its description.
#include <algorithm>
#include <cstdio>
#include <new>

#include "core/data/byte_source.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "core/data/dataset.hpp"
#include "core/data/idx_file.hpp"
#include "core/linear_model/model_file.hpp"

namespace digitlab {

namespace {

int inspect(const std::string& path, const std::string& as) {
  // The first bytes decide what the file is and so how much of it may be read: a model
  // file at most kMaxModelBytes, an IDX file exactly what its header announces (a small
  // .gz that inflates far beyond that stops there). Anything else stops at once.
  const SizeBound model_bound = model_size_bound(path), idx_bound = idx_size_bound(path);
  const SizeBound bound = [&](const std::uint8_t* data, std::size_t size) -> std::optional<SizeLimit> {
    if (size >= 1 && data[0] == 'D') return model_bound(data, size);
    if (size >= 2 && (data[0] != 0 || data[1] != 0))
      throw DataError(path + ": neither an IDX file nor a Digit Lab model (wrong magic number)");
    return idx_bound(data, size);
  };
  const std::vector<std::uint8_t> bytes = read_maybe_gzip(path, kMaxIdxFileBytes, bound);
  if (looks_like_model(bytes)) {
    const ModelFile m = decode_model(bytes, path);
    const Pipeline& p = m.pipeline;
    std::printf("%s: Digit Lab model, version %u\n  pipeline: %s\n  trained on: %s\n  images %dx%d, %d classes, "
                "%d model features, %lld weights\n",
                path.c_str(), m.version, describe(p.settings()).c_str(), m.dataset.c_str(), m.image_rows,
                m.image_cols, p.model().n_classes(), p.model().n_features(),
                static_cast<long long>(p.model().coef().size() + p.model().intercept().size()));
    const TrainingProgress& fit = p.model().fit_report();
    if (m.version < 2)
      std::printf("  fit: %s\n", fit.message.c_str());
    else
      std::printf("  fit: %s after %d iterations (%d passes), loss %.6f%s%s\n", to_string(fit.status), fit.iteration,
                  fit.evaluations, fit.loss, fit.message.empty() ? "" : ": ", fit.message.c_str());
    if (!as.empty()) throw DataError(path + ": a model file, not " + as);
    return 0;
  }
  const IdxArray a = parse_idx(bytes, path);
  std::string shape;
  for (std::size_t d = 0; d < a.dims.size(); ++d) shape += (d ? " x " : "") + std::to_string(a.dims[d]);
  std::printf("%s: IDX array of unsigned bytes, shape %s\n", path.c_str(), shape.c_str());
  if (!a.data.empty()) {
    const auto [low, high] = std::minmax_element(a.data.begin(), a.data.end());
    double sum = 0;
    for (std::uint8_t v : a.data) sum += v;
    std::printf("  values %d..%d, mean %.3f\n", *low, *high, sum / static_cast<double>(a.data.size()));
  }
  if (a.dims.size() == 1) {
    std::vector<long long> counts(256, 0);
    for (std::uint8_t v : a.data) ++counts[v];
    std::printf("  label counts:");
    for (int v = 0; v < 256; ++v)
      if (counts[static_cast<std::size_t>(v)]) std::printf(" %d:%lld", v, counts[static_cast<std::size_t>(v)]);
    std::printf("\n");
  }
  // What it can serve as: MNIST's images are n x rows x cols, its labels n values 0..9.
  const std::string image_problem = image_array_problem(a), label_problem = label_array_problem(a);
  std::printf("  as images: %s\n  as labels: %s\n", image_problem.empty() ? "yes" : ("no, " + image_problem).c_str(),
              label_problem.empty() ? "yes (classes 0..9)" : ("no, " + label_problem).c_str());
  const std::string& problem = as == "images" ? image_problem : label_problem;
  if (!as.empty() && !problem.empty()) throw DataError(path + ": cannot be read as " + as + ": " + problem);
  return 0;
}

}  // namespace

int run_inspect(int argc, char** argv) {
  Args args(argc, argv, 2, kCommonSwitches);
  if (args.positional().size() != 1) throw DataError("inspect takes one FILE");
  const std::string path = args.positional()[0];
  const std::string as = args.get("as", "");
  if (!as.empty() && as != "images" && as != "labels") throw DataError("--as takes images or labels, not '" + as + "'");
  // main() prints the message after "digitlab inspect: ": keep it to one line whatever
  // the file's name holds, and make running out of memory a message too.
  const auto one_line = [](std::string text) {
    for (char& c : text)
      if (c == '\n' || c == '\r') c = ' ';
    return text;
  };
  try {
    return inspect(path, as);
  } catch (const DataError& e) {
    throw DataError(one_line(e.what()));
  } catch (const std::bad_alloc&) {
    throw DataError(one_line(path + ": not enough memory to read it"));
  }
}

}  // namespace digitlab
