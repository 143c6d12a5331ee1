// How schema names become C++ names. The rules are documented in
// docs/bindings.md ("Names"); keep the two in step.
#pragma once

#include <string>
#include <string_view>

namespace stackgen::bindgen {

/// "lb_listener_rule" -> "LbListenerRule", "route53_zone" -> "Route53Zone".
std::string camel_case(std::string_view snake);

/// Where a member function is declared; each place inherits different
/// members that a generated name must not hide.
enum class MemberScope {
  resource,      ///< resource / data source class (ResourceBase: count, provider, ...)
  provider,      ///< provider configuration class (ProviderBase)
  nested_block,  ///< nested block struct (BlockBody::value)
  object,        ///< object-type struct (BlockBody::value, type_constraint)
};

/// The C++ member name of schema attribute or block `name` in `scope`:
/// the name itself, or the name with a trailing underscore when it is a C++
/// keyword, an alternative token, an identifier with special meaning, a
/// common macro, or a member the scope inherits.
std::string member_name(std::string_view name, MemberScope scope);

/// True for a C++ keyword, alternative token (`and`, `not`, ...), identifier
/// with special meaning (`final`, `override`, `import`, `module`) or a name
/// commonly defined as a macro (`assert`, `errno`, `linux`, `unix`).
bool is_reserved_word(std::string_view name);

/// True for the type names generated code uses unqualified (Expr, List,
/// Number, BlockKind, NestedBlock, ...) and the member types it inherits
/// (Selector); a generated type with one of these names would hide them.
bool is_reserved_type_name(std::string_view name);

/// The C++ namespace of a provider's bindings, stackgen::<result>: its
/// local name, with a trailing underscore when that is a reserved word or a
/// name the library itself declares in namespace stackgen (`null`, the
/// constant; `schema`, `detail`, `builtin`, ...), which the namespace would
/// clash with: hashicorp/null's bindings are stackgen::null_.
std::string provider_namespace(std::string_view local_name);

/// True when `name` is a valid C++ identifier ([A-Za-z_][A-Za-z0-9_]*).
bool is_identifier(std::string_view name);

}  // namespace stackgen::bindgen
