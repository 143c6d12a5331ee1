// Synthetic stacks for the benchmarks: N "service units" shaped like the
// reference stack's back end (stacks/keencho/backend.cpp), sharing one
// network, load balancer, HTTPS listener, ECS cluster, CodeDeploy app and
// hosted zone.
#pragma once

#include <cstddef>

#include <stackgen/core/stack.hpp>

namespace stackgen::bench {

/// Resources declared once per stack, whatever N.
inline constexpr std::size_t kSharedResources = 12;
/// Resources declared by each service unit.
inline constexpr std::size_t kResourcesPerUnit = 15;

/// Declares the shared infrastructure and `units` service units in `s`.
/// Every unit is wired by references to the shared blocks and to its own.
void build_synthetic_stack(Stack& s, std::size_t units);

}  // namespace stackgen::bench
