// The HCL native-syntax parser: everything a converter needs.
//
//   #include "hcl/hcl.hpp"
//   auto result = stackgen::hcl::parse_file(text, "main.tf");
//   if (!result) std::cerr << result.error->str() << '\n';
//
// ast.hpp: the syntax tree; parser.hpp: parse_file / parse_expression /
// parse_template; printer.hpp: to_hcl; compare.hpp: equal / dump.
#pragma once

#include "hcl/ast.hpp"
#include "hcl/comment.hpp"
#include "hcl/compare.hpp"
#include "hcl/error.hpp"
#include "hcl/parser.hpp"
#include "hcl/position.hpp"
#include "hcl/printer.hpp"
