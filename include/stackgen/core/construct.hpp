// Construct: a named group of blocks, such as the resources one pattern
// creates. Every block declared while a Construct is alive belongs to it
// (the innermost one): `stackgen graph` draws it as a cluster, and tools
// reading the stack through inspect.hpp see it as BlockView::construct().
//
//   patterns::Network network(Stack& s, ...) {
//     stackgen::Construct scope(s, "network");   // "network" in the graph
//     ...
//   }
#pragma once

#include <string>
#include <string_view>

namespace stackgen {

class Stack;

class Construct {
 public:
  Construct(Stack& stack, std::string_view name);
  ~Construct();
  Construct(const Construct&) = delete;
  Construct& operator=(const Construct&) = delete;

 private:
  Stack& stack_;
  std::string_view previous_;
};

}  // namespace stackgen
