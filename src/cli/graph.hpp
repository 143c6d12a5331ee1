// `stackgen graph`: the stacks as pictures. Blocks are nodes (coloured by
// AWS service, shaped by kind: resources boxes, data sources notes,
// variables and outputs their own shapes), references and depends_on are
// edges, and nodes are clustered by the construct (pattern) that declared
// them, else by the C++ file. DOT, Mermaid, or SVG through Graphviz.
#pragma once

#include <ostream>
#include <vector>
#include <string>

#include "stackgen/core/app.hpp"

namespace stackgen::cli {

/// format: dot, mermaid. Throws std::runtime_error for others.
void print_graph(const std::vector<const Stack*>& stacks, const std::string& format, std::ostream& out);
/// SVG through Graphviz's `dot`, found on PATH; throws with an install hint
/// when it is missing.
std::string graph_svg(const std::vector<const Stack*>& stacks);

}  // namespace stackgen::cli
