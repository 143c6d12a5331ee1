// stackgen::main: link it with a stack program and the program is the whole
// stackgen CLI over the stacks it registers (the Catch2WithMain model).
#include "stackgen/cli/cli.hpp"

int main(int argc, char** argv) { return stackgen::cli::run(argc, argv); }
