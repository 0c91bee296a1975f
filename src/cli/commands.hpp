// The digitlab subcommands; each returns the process exit status.
#pragma once

namespace digitlab {

int run_train(int argc, char** argv);
int run_evaluate(int argc, char** argv);
int run_predict(int argc, char** argv);
int run_export(int argc, char** argv);
int run_seed_table(int argc, char** argv);
int run_inspect(int argc, char** argv);
int run_write_idx(int argc, char** argv);
int run_bench(int argc, char** argv);
int run_chapter_results(int argc, char** argv);

}  // namespace digitlab
