#include "graph.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/core.h>

#include <array>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "report.hpp"
#include "stackgen/core/inspect.hpp"

extern char** environ;

namespace stackgen::cli {

namespace {

struct Node {
  std::string id;       // unique across stacks: "<stack>/<address>"
  std::string label;    // the address
  std::string cluster;  // construct or file
  BlockKind kind;
  std::string service;
};

struct Graph {
  std::string stack;
  std::vector<Node> nodes;
  std::set<std::pair<std::string, std::string>> edges;
};

/// The AWS service a resource type belongs to, for its colour.
std::string service_of(std::string_view type) {
  static const std::pair<std::string_view, std::string_view> kServices[] = {
      {"aws_vpc", "network"}, {"aws_subnet", "network"}, {"aws_route", "network"}, {"aws_internet_gateway", "network"},
      {"aws_nat_gateway", "network"}, {"aws_eip", "network"}, {"aws_main_route_table", "network"},
      {"aws_network", "network"}, {"aws_security_group", "security"}, {"aws_vpc_security_group", "security"},
      {"aws_instance", "compute"}, {"aws_key_pair", "compute"}, {"aws_launch", "compute"}, {"aws_autoscaling", "compute"},
      {"aws_lb", "load-balancing"}, {"aws_alb", "load-balancing"}, {"aws_ecs", "containers"}, {"aws_ecr", "containers"},
      {"aws_db", "database"}, {"aws_rds", "database"}, {"aws_s3", "storage"}, {"aws_efs", "storage"},
      {"aws_cloudfront", "edge"}, {"aws_route53", "dns"}, {"aws_acm", "certificates"}, {"aws_iam", "identity"},
      {"aws_kms", "secrets"}, {"aws_secretsmanager", "secrets"}, {"aws_ssm", "secrets"}, {"aws_cloudwatch", "monitoring"},
      {"aws_sns", "monitoring"}, {"aws_appautoscaling", "scaling"}, {"aws_codedeploy", "delivery"},
      {"aws_codebuild", "delivery"}, {"aws_codepipeline", "delivery"}, {"tls_", "generated"}, {"random_", "generated"},
      {"terraform_", "terraform"},
  };
  for (const auto& [prefix, service] : kServices)
    if (type.substr(0, prefix.size()) == prefix) return std::string(service);
  return "other";
}

const char* color_of(std::string_view service) {
  static const std::pair<std::string_view, const char*> kColors[] = {
      {"network", "#dbeafe"},  {"security", "#fee2e2"},    {"compute", "#fef3c7"},      {"load-balancing", "#ede9fe"},
      {"containers", "#ffedd5"}, {"database", "#dcfce7"}, {"storage", "#e0f2fe"},       {"edge", "#fae8ff"},
      {"dns", "#f1f5f9"},      {"certificates", "#ecfccb"}, {"identity", "#fce7f3"},     {"secrets", "#fef9c3"},
      {"monitoring", "#e2e8f0"}, {"scaling", "#ccfbf1"},   {"delivery", "#cffafe"},     {"generated", "#f5f5f4"},
      {"terraform", "#f5f5f4"},
  };
  for (const auto& [s, c] : kColors)
    if (s == service) return c;
  return "#ffffff";
}

std::string basename_of(const std::string& file) {
  auto slash = file.find_last_of('/');
  return slash == std::string::npos ? file : file.substr(slash + 1);
}

std::vector<Graph> graphs_of(const std::vector<const Stack*>& stacks) {
  std::vector<Graph> out;
  for (const Stack* s : stacks) {
    Graph g;
    g.stack = s->name();
    inspect::StackView view = inspect::view(*s);
    std::set<std::string, std::less<>> declared;
    view.for_each_block([&](inspect::BlockView b) { declared.emplace(b.address()); });
    view.for_each_block([&](inspect::BlockView b) {
      if (b.kind() == BlockKind::provider) return;
      const std::string id = s->name() + "/" + std::string(b.address());
      std::string cluster = !b.construct().empty() ? std::string(b.construct()) : basename_of(display_path(b.location().file));
      g.nodes.push_back({id, std::string(b.address()), cluster, b.kind(),
                         b.kind() == BlockKind::resource || b.kind() == BlockKind::data || b.kind() == BlockKind::ephemeral
                             ? service_of(b.type())
                             : ""});
      auto add_references = [&](const Value& v) {
        for (const auto& r : inspect::references(v)) {
          // Handle references carry their block; ref<T>("...") text ones an address.
          inspect::BlockView t = inspect::target(r);
          if (r.kind == inspect::ReferenceKind::block && t && t != b)
            g.edges.emplace(id, s->name() + "/" + std::string(t.address()));
          else if (r.kind == inspect::ReferenceKind::unresolved && declared.count(r.address) && r.address != b.address())
            g.edges.emplace(id, s->name() + "/" + std::string(r.address));
        }
      };
      for (std::size_t i = 0; i < b.argument_count(); ++i) add_references(b.argument_value(i));
      for (std::size_t i = 0; i < b.block_count(); ++i) add_references(b.block_value(i));
      add_references(b.count());
      add_references(b.for_each());
      add_references(b.value());
      for (const auto& d : b.dynamic_blocks()) {
        add_references(d.for_each);
        add_references(d.content);
      }
      // Provisioners order the block after what they read, as arguments do.
      for (const auto& p : b.provisioners()) add_references(p.body);
      add_references(b.connection());
      // A check depends on what its assertions read.
      if (b.kind() == BlockKind::check)
        for (const auto& c : b.validations()) {
          add_references(c.condition);
          add_references(c.error_message);
        }
      for (auto d : b.depends_on()) g.edges.emplace(id, s->name() + "/" + std::string(d.address()));
    });
    out.push_back(std::move(g));
  }
  return out;
}

std::string dot_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

const char* dot_shape(BlockKind k) {
  switch (k) {
    case BlockKind::resource: return "box";
    case BlockKind::data: return "note";
    case BlockKind::variable: return "invhouse";
    case BlockKind::output: return "house";
    case BlockKind::local: return "ellipse";
    case BlockKind::module: return "box3d";
    case BlockKind::provider: return "box";
    case BlockKind::check: return "octagon";
    case BlockKind::ephemeral: return "component";
  }
  return "box";
}

void print_dot(const std::vector<Graph>& graphs, std::ostream& out) {
  out << "digraph stackgen {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", "
         "fontname=\"monospace\", fontsize=10];\n  edge [color=\"#64748b\", arrowsize=0.6];\n";
  for (const auto& g : graphs) {
    out << fmt::format("  subgraph \"cluster_{}\" {{\n    label=\"{}\";\n    style=\"rounded\";\n", dot_escape(g.stack),
                       dot_escape(g.stack));
    std::map<std::string, std::vector<const Node*>> clusters;
    for (const auto& n : g.nodes) clusters[n.cluster].push_back(&n);
    for (const auto& [cluster, nodes] : clusters) {
      out << fmt::format("    subgraph \"cluster_{}/{}\" {{\n      label=\"{}\";\n      style=\"dashed\";\n",
                         dot_escape(g.stack), dot_escape(cluster), dot_escape(cluster));
      for (const auto* n : nodes) {
        std::string style = n->kind == BlockKind::data ? "filled" : n->kind == BlockKind::resource ? "rounded,filled" : "filled";
        out << fmt::format("      \"{}\" [label=\"{}\", shape={}, style=\"{}\", fillcolor=\"{}\"];\n", dot_escape(n->id),
                           dot_escape(n->label), dot_shape(n->kind), style,
                           n->service.empty() ? "#ffffff" : color_of(n->service));
      }
      out << "    }\n";
    }
    for (const auto& [a, b] : g.edges) out << fmt::format("    \"{}\" -> \"{}\";\n", dot_escape(a), dot_escape(b));
    out << "  }\n";
  }
  out << "}\n";
}

/// Mermaid ids: letters, digits and '_' only; a stable id per node.
std::string mermaid_id(const std::string& id) {
  std::string out = "n_";
  for (char c : id) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

std::string mermaid_label(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"') out += "#quot;";
    else out += c;
  }
  return out;
}

void print_mermaid(const std::vector<Graph>& graphs, std::ostream& out) {
  out << "flowchart LR\n";
  std::set<std::string> services;
  for (const auto& g : graphs) {
    out << "  subgraph " << mermaid_id(g.stack) << "[\"" << mermaid_label(g.stack) << "\"]\n";
    std::map<std::string, std::vector<const Node*>> clusters;
    for (const auto& n : g.nodes) clusters[n.cluster].push_back(&n);
    for (const auto& [cluster, nodes] : clusters) {
      out << "    subgraph " << mermaid_id(g.stack + "/" + cluster) << "[\"" << mermaid_label(cluster) << "\"]\n";
      for (const auto* n : nodes) {
        std::string label(1, '"');  // appended: `"\"" + ...` trips a GCC 12 -Wrestrict false positive
        label += mermaid_label(n->label);
        label += '"';
        std::string shape;
        switch (n->kind) {
          case BlockKind::data: shape = "[(" + label + ")]"; break;
          case BlockKind::ephemeral: shape = "{{" + label + "}}"; break;
          case BlockKind::variable: shape = "[/" + label + "/]"; break;
          case BlockKind::output: shape = "[\\" + label + "\\]"; break;
          case BlockKind::local: shape = "(" + label + ")"; break;
          case BlockKind::module: shape = "[[" + label + "]]"; break;
          default: shape = "[" + label + "]"; break;
        }
        out << "      " << mermaid_id(n->id) << shape << "\n";
        if (!n->service.empty()) {
          out << "      class " << mermaid_id(n->id) << " svc_" << mermaid_id(n->service).substr(2) << "\n";
          services.insert(n->service);
        }
      }
      out << "    end\n";
    }
    out << "  end\n";
    for (const auto& [a, b] : g.edges) out << "  " << mermaid_id(a) << " --> " << mermaid_id(b) << "\n";
  }
  for (const auto& s : services)
    out << "  classDef svc_" << mermaid_id(s).substr(2) << " fill:" << color_of(s) << ",stroke:#475569\n";
}

}  // namespace

void print_graph(const std::vector<const Stack*>& stacks, const std::string& format, std::ostream& out) {
  auto graphs = graphs_of(stacks);
  if (format == "dot") print_dot(graphs, out);
  else if (format == "mermaid") print_mermaid(graphs, out);
  else throw std::runtime_error("unknown graph format " + format);
}

std::string graph_svg(const std::vector<const Stack*>& stacks) {
  std::ostringstream dot;
  print_dot(graphs_of(stacks), dot);
  const std::string input = dot.str();
  int in_pipe[2], out_pipe[2];
  if (::pipe(in_pipe) != 0 || ::pipe(out_pipe) != 0) throw std::runtime_error("cannot run dot: pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_addclose(&actions, in_pipe[1]);
  posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
  char dot_name[] = "dot", format[] = "-Tsvg";
  char* argv[] = {dot_name, format, nullptr};
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "dot", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  if (spawned != 0) {
    ::close(in_pipe[1]);
    ::close(out_pipe[0]);
    throw std::runtime_error(
        "graph --format svg needs Graphviz's `dot` on PATH (Debian: apt install graphviz); "
        "--format dot | dot -Tsvg does the same elsewhere");
  }
  // Write and read at once: dot may start printing before it read everything.
  std::string svg;
  std::size_t written = 0;
  ::fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);
  bool input_open = true;
  while (true) {
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {input_open ? in_pipe[1] : -1, POLLOUT, 0}};
    if (::poll(fds, 2, -1) < 0) break;
    if (input_open && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t n = ::write(in_pipe[1], input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if (n < 0 || written == input.size()) {
        ::close(in_pipe[1]);
        input_open = false;
      }
    }
    if (fds[0].revents & (POLLIN | POLLHUP)) {
      std::array<char, 65536> buf;
      ssize_t n = ::read(out_pipe[0], buf.data(), buf.size());
      if (n <= 0) break;
      svg.append(buf.data(), static_cast<std::size_t>(n));
    }
  }
  if (input_open) ::close(in_pipe[1]);
  ::close(out_pipe[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("dot failed to draw the graph");
  return svg;
}

}  // namespace stackgen::cli
