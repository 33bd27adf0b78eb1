// The command line: subcommands `score` and `validate`, their options, and
// the exit codes 0 (scored, warnings allowed) / 1 (the input has errors) /
// 2 (usage or I/O error). Nothing is written when any input has errors.
#pragma once

namespace jx::cli {

int run(int argc, char** argv);

}  // namespace jx::cli
