// digitlab inspect FILE: tells an IDX file from a model file and summarizes it.
// Any problem: one line naming the file and the problem, exit status 2 (from main).
#include <algorithm>
#include <cstdio>
#include <new>

#include "byte_source.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "idx_file.hpp"
#include "model_file.hpp"

namespace digitlab {

namespace {

int inspect(const std::string& path) {
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
                path.c_str(), kModelFileVersion, describe(p.settings()).c_str(), m.dataset.c_str(), m.image_rows,
                m.image_cols, p.model().n_classes(), p.model().n_features(),
                static_cast<long long>(p.model().coef().size() + p.model().intercept().size()));
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
  return 0;
}

}  // namespace

int run_inspect(int argc, char** argv) {
  Args args(argc, argv, 2, kCommonSwitches);
  if (args.positional().size() != 1) throw DataError("inspect takes one FILE");
  const std::string path = args.positional()[0];
  // main() prints the message after "digitlab inspect: ": keep it to one line whatever
  // the file's name holds, and make running out of memory a message too.
  const auto one_line = [](std::string text) {
    for (char& c : text)
      if (c == '\n' || c == '\r') c = ' ';
    return text;
  };
  try {
    return inspect(path);
  } catch (const DataError& e) {
    throw DataError(one_line(e.what()));
  } catch (const std::bad_alloc&) {
    throw DataError(one_line(path + ": not enough memory to read it"));
  }
}

}  // namespace digitlab
