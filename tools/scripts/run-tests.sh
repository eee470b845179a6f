#!/usr/bin/env bash
# Every test, from nothing: install dependencies, build, run the whole suite; then the same
# suite again in an ASan+UBSan build. Set SIGMA_SKIP_SANITIZE=1 to run only the first pass.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/tools/scripts/setup-debian.sh"

"$root/tools/scripts/build.sh" "$root/build"
(cd "$root/build" && ctest --output-on-failure -j "$(nproc)")

if [ "${SIGMA_SKIP_SANITIZE:-0}" != "1" ]; then
  "$root/tools/scripts/build.sh" "$root/build-asan" -DSIGMA_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
  (cd "$root/build-asan" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure -j "$(nproc)" -LE slow)
fi
