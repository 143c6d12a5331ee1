#include "diff_report.hpp"

#include <fmt/core.h>

#include <nlohmann/json.hpp>

namespace stackgen::cli::diff {

namespace {

constexpr const char* kSensitive = "(sensitive value changed)";

const char* symbol(EntryKind k) {
  switch (k) {
    case EntryKind::added: return "+";
    case EntryKind::removed: return "-";
    case EntryKind::changed: return "~";
    case EntryKind::moved: return ">";
  }
  return "?";
}

const char* word(EntryKind k) {
  switch (k) {
    case EntryKind::added: return "added";
    case EntryKind::removed: return "removed";
    case EntryKind::changed: return "changed";
    case EntryKind::moved: return "moved";
  }
  return "changed";
}

struct Colors {
  const char *green = "", *red = "", *yellow = "", *cyan = "", *bold = "", *magenta = "", *reset = "";
  explicit Colors(bool on) {
    if (!on) return;
    green = "\033[32m";
    red = "\033[31m";
    yellow = "\033[33m";
    cyan = "\033[36m";
    bold = "\033[1m";
    magenta = "\033[35m";
    reset = "\033[0m";
  }
  const char* of(EntryKind k) const {
    switch (k) {
      case EntryKind::added: return green;
      case EntryKind::removed: return red;
      case EntryKind::changed: return yellow;
      case EntryKind::moved: return cyan;
    }
    return "";
  }
};

std::string change_notes(const AttributeChange& c) {
  std::string notes;
  if (c.forces_replacement) notes += " (forces replacement)";
  if (c.unknown_after) notes += " (known after apply)";
  return notes;
}

void print_text(const std::vector<StackDiff>& diffs, bool color, std::ostream& out) {
  Colors k(color);
  for (const auto& d : diffs) {
    if (d.entries.empty() && d.security.empty()) continue;
    out << k.bold << "stack " << d.stack << k.reset << " (" << d.path << ")\n";
    for (const auto& e : d.entries) {
      out << "  " << k.of(e.kind) << symbol(e.kind) << " " << e.address << k.reset;
      if (e.kind == EntryKind::moved) out << " (moved from " << e.moved_from << ")";
      if (!e.plan_action.empty()) out << " [plan: " << e.plan_action << "]";
      out << "\n";
      for (const auto& c : e.changes) {
        out << "      " << c.path << ": ";
        if (c.sensitive) {
          out << kSensitive;
        } else if (c.before.empty() && c.after.empty()) {
          out << "(changes)";
        } else {
          if (!c.before.empty()) out << k.red << c.before << k.reset;
          else out << "(none)";
          out << " -> ";
          if (!c.after.empty()) out << k.green << c.after << k.reset;
          else out << "(none)";
        }
        out << change_notes(c) << "\n";
      }
    }
    if (!d.moves.empty())
      out << "  " << d.moves.size() << " rename(s): `stackgen emit --moved` writes the moved blocks that keep their state\n";
    if (!d.security.empty()) {
      out << "  " << k.magenta << k.bold << "security changes" << k.reset << "\n";
      for (const auto& n : d.security)
        out << "    " << (n.widening ? k.red : k.green) << "[security]" << k.reset << " " << n.address << ": " << n.what
            << "\n";
    }
  }
  Totals t = totals(diffs);
  if (!t.any() && !t.security) {
    out << "no changes\n";
    return;
  }
  out << fmt::format("{} to add, {} to change, {} to remove, {} moved; {} security change(s)\n", t.added, t.changed,
                     t.removed, t.moved, t.security);
}

std::string md_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|' || c == '`' || c == '*' || c == '_' || c == '<' || c == '>') out += '\\';
    out += c;
  }
  return out;
}

void print_markdown(const std::vector<StackDiff>& diffs, std::ostream& out) {
  Totals t = totals(diffs);
  out << "### stackgen diff\n\n";
  out << fmt::format("**{}** to add, **{}** to change, **{}** to remove, **{}** moved, **{}** security change(s)\n\n",
                     t.added, t.changed, t.removed, t.moved, t.security);
  for (const auto& d : diffs) {
    if (d.entries.empty() && d.security.empty()) continue;
    out << "#### stack `" << d.stack << "`\n\n";
    if (!d.security.empty()) {
      out << "> [!WARNING]\n> Security-relevant changes:\n";
      for (const auto& n : d.security)
        out << "> - " << (n.widening ? "🔓 " : "🔒 ") << "`" << n.address << "`: " << md_escape(n.what) << "\n";
      out << "\n";
    }
    out << "| | address | changes |\n|---|---|---|\n";
    for (const auto& e : d.entries) {
      std::string what;
      if (e.kind == EntryKind::moved) what = "moved from `" + e.moved_from + "`";
      if (!e.plan_action.empty()) what += (what.empty() ? "" : "; ") + std::string("plan: ") + e.plan_action;
      for (const auto& c : e.changes) {
        if (!what.empty()) what += "<br>";
        what += "`" + c.path + "`: ";
        if (c.sensitive) what += kSensitive;
        else what += md_escape(c.before.empty() ? "(none)" : c.before) + " → " + md_escape(c.after.empty() ? "(none)" : c.after);
        what += change_notes(c);
      }
      out << "| " << symbol(e.kind) << " | `" << e.address << "` | " << what << " |\n";
    }
    out << "\n";
  }
}

void print_json(const std::vector<StackDiff>& diffs, std::ostream& out) {
  nlohmann::json stacks = nlohmann::json::array();
  for (const auto& d : diffs) {
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& e : d.entries) {
      nlohmann::json changes = nlohmann::json::array();
      for (const auto& c : e.changes) {
        nlohmann::json j{{"path", c.path}, {"sensitive", c.sensitive}};
        if (!c.sensitive) {
          j["before"] = c.before.empty() ? nlohmann::json() : nlohmann::json(c.before);
          j["after"] = c.after.empty() ? nlohmann::json() : nlohmann::json(c.after);
        }
        if (c.forces_replacement) j["forces_replacement"] = true;
        if (c.unknown_after) j["known_after_apply"] = true;
        changes.push_back(std::move(j));
      }
      nlohmann::json j{{"kind", word(e.kind)}, {"section", e.section}, {"address", e.address}, {"changes", changes}};
      if (e.kind == EntryKind::moved) j["moved_from"] = e.moved_from;
      if (!e.plan_action.empty()) j["plan_action"] = e.plan_action;
      entries.push_back(std::move(j));
    }
    nlohmann::json security = nlohmann::json::array();
    for (const auto& n : d.security) security.push_back({{"address", n.address}, {"change", n.what}, {"widens", n.widening}});
    nlohmann::json moves = nlohmann::json::array();
    for (const auto& [from, to] : d.moves) moves.push_back({{"from", from}, {"to", to}});
    stacks.push_back({{"stack", d.stack}, {"path", d.path}, {"entries", entries}, {"security", security}, {"moves", moves}});
  }
  Totals t = totals(diffs);
  out << nlohmann::json{{"stacks", stacks},
                        {"totals",
                         {{"added", t.added}, {"changed", t.changed}, {"removed", t.removed}, {"moved", t.moved},
                          {"security", t.security}}}}
             .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
      << "\n";
}

}  // namespace

Totals totals(const std::vector<StackDiff>& diffs) {
  Totals t;
  for (const auto& d : diffs) {
    for (const auto& e : d.entries) {
      switch (e.kind) {
        case EntryKind::added: ++t.added; break;
        case EntryKind::removed: ++t.removed; break;
        case EntryKind::changed: ++t.changed; break;
        case EntryKind::moved: ++t.moved; break;
      }
    }
    t.security += d.security.size();
  }
  return t;
}

void print(const std::vector<StackDiff>& diffs, const ReportOptions& options, std::ostream& out) {
  if (options.format == "json") print_json(diffs, out);
  else if (options.format == "markdown") print_markdown(diffs, out);
  else print_text(diffs, options.color, out);
}

}  // namespace stackgen::cli::diff
