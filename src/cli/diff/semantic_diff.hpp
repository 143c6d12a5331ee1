// The semantic diff of two emitted configurations (what `stackgen diff`
// prints): blocks added, removed, changed and moved, attribute by attribute;
// JSON documents inside strings (jsonencode policies, container
// definitions) compared as documents; sensitive values never shown; a
// security report of IAM, network and public-access changes; and, from a
// `terraform show -json` plan, what only a plan knows.
//
// Blocks are matched by address first, so the work is linear in the number
// of blocks; renames are found among what is left (same type, same or
// nearly the same body).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "stackgen/core/value.hpp"

namespace stackgen::cli::diff {

/// What is known to be secret: attribute names by block type (from the
/// provider schema of the stacks in this program), and names of sensitive
/// variables and outputs (from the program and from the files).
struct Sensitivity {
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>> attributes_by_type;
  std::set<std::string, std::less<>> known_types;  ///< types whose schema is known
  std::set<std::string, std::less<>> variables;
  std::set<std::string, std::less<>> outputs;

  /// Whether the value at `path` (first segment an attribute) of a block of
  /// `type` is secret. For a type whose schema is unknown, names that say
  /// they hold a secret are treated as secret.
  bool attribute(std::string_view type, std::string_view attribute) const;
};

struct AttributeChange {
  std::string path;    ///< `ingress[1].cidr_blocks`, `policy.Statement[0].Action`
  std::string before;  ///< display text; empty when absent
  std::string after;
  bool sensitive = false;  ///< values hidden: "(sensitive value changed)"
  bool forces_replacement = false;  ///< from a plan
  bool unknown_after = false;       ///< from a plan: known after apply
};

enum class EntryKind { added, removed, changed, moved };

struct SecurityNote {
  std::string address;
  std::string what;  ///< "ingress tcp 22 from 0.0.0.0/0 opened", "Allow s3:* on * added"
  bool widening = true;  ///< opens access (else: narrows it)
};

struct Entry {
  EntryKind kind = EntryKind::changed;
  std::string section;  ///< resource, data, module, output, variable, local, provider, terraform, moved, import, removed
  std::string address;
  std::string moved_from;  ///< for EntryKind::moved
  std::vector<AttributeChange> changes;
  std::string plan_action;  ///< from a plan: create, update, delete, replace, no-op
};

struct StackDiff {
  std::string stack;
  std::string path;  ///< the file, relative to the output directory
  std::vector<Entry> entries;
  std::vector<SecurityNote> security;
  /// Detected renames (old address -> new), what `emit --moved` writes.
  std::vector<std::pair<std::string, std::string>> moves;
};

struct Options {
  Sensitivity sensitivity;
  /// Rename detection: a block is "nearly" the same when at least this
  /// share of its top-level members is equal.
  double rename_similarity = 0.8;
};

/// Compares the configuration `before` (null: no file) with `after`.
StackDiff compare(const std::string& stack, const std::string& path, const Value& before, const Value& after,
                  const Options& options);

/// Adds what a `terraform show -json` plan says: actions, attributes that
/// force replacement, values known only after apply. Throws on a plan that
/// is not JSON.
void add_plan(StackDiff& diff, const Value& plan);

/// Only the renames between two configurations (for `emit --moved`).
std::vector<std::pair<std::string, std::string>> find_moves(const Value& before, const Value& after,
                                                            const Options& options);

}  // namespace stackgen::cli::diff
