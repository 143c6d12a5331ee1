// The core of stackgen: stacks, typed expressions, functions, emission.
// Bindings are included per type: #include <stackgen/aws/vpc.hpp>.
#pragma once

#include "stackgen/core/app.hpp"
#include "stackgen/core/backends.hpp"
#include "stackgen/core/construct.hpp"
#include "stackgen/core/environments.hpp"
#include "stackgen/core/expr.hpp"
#include "stackgen/core/functions.hpp"
#include "stackgen/core/stack.hpp"
#include "stackgen/core/terraform_builtins.hpp"
