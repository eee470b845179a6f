// Compile-time simplification of a boolean tree: nested AND/OR flattened, duplicate children
// merged, constants folded, double negation removed. The result is equivalent to the input.
#pragma once

#include "compiler/ir/ir.hpp"

namespace sigma::ir {

Node simplify(Node node);

}  // namespace sigma::ir
