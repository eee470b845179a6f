#include <catch.hpp>

#include "compiler/diag/edit_distance.hpp"

using sigma::diag::edit_distance;

TEST_CASE("edit distance for did-you-mean hints", "[diag]") {
  CHECK(edit_distance("contains", "contains") == 0);
  CHECK(edit_distance("contians", "contains") == 1);  // a swap of neighbours is one edit
  CHECK(edit_distance("endwith", "endswith") == 1);
  CHECK(edit_distance("filter_mian", "filter_main") == 1);
  CHECK(edit_distance("Selection", "selection") == 0);  // ASCII case is ignored
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("ab", "ba") == 1);
  CHECK(edit_distance("abc", "ca") == 3);  // optimal string alignment, not full Damerau
}
