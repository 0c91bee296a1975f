// digitlab write-idx: the loaded training and test digits as the four canonical
// gzip-compressed IDX files (used to ship the opencv digits fallback to the page).
#include <cstdio>

#include "cli_common.hpp"
#include "commands.hpp"
#include "core/data/idx_file.hpp"
#include "report_printing.hpp"

namespace digitlab {

namespace {

void write_pair(const Dataset& d, const std::string& dir, const std::string& prefix) {
  IdxArray images, labels;
  images.dims = {static_cast<std::uint32_t>(d.size()), static_cast<std::uint32_t>(d.image_rows),
                 static_cast<std::uint32_t>(d.image_cols)};
  images.data.assign(d.pixels.data(), d.pixels.data() + d.pixels.size());
  labels.dims = {static_cast<std::uint32_t>(d.size())};
  for (int label : d.labels) labels.data.push_back(static_cast<std::uint8_t>(label));
  save_idx(images, dir + "/" + prefix + "-images-idx3-ubyte.gz");
  save_idx(labels, dir + "/" + prefix + "-labels-idx1-ubyte.gz");
}

}  // namespace

int run_write_idx(int argc, char** argv) {
  Args args(argc, argv, 2, kCommonSwitches);
  if (!args.has("out")) throw DataError("write-idx needs --out DIR");
  const std::string out = args.get("out");
  TrainTest data = load_data(data_options(args));
  check_unused(args);
  write_pair(data.train, out, "train");
  write_pair(data.test, out, "t10k");
  std::fprintf(stderr, "wrote the four IDX files of %s to %s\n", data.description.c_str(), out.c_str());
  return 0;
}

}  // namespace digitlab
