// jixiao: 预算绩效自评 scoring engine. main() only hands over to run().
#include "cli/app.h"

int main(int argc, char** argv) {
  return jx::cli::run(argc, argv);
}
