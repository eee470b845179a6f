#!/usr/bin/env bash
# The main job, from nothing: install dependencies, build, check the bundled rules and scan the
# sample logs with them.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/tools/scripts/setup-debian.sh"
"$root/tools/scripts/build.sh" "$root/build"
sigmac="$root/build/tools/sigmac/sigmac"
cd "$root"
"$sigmac" check sigma-rules/rules
if "$sigmac" scan --help >/dev/null 2>&1; then
  for f in examples/logs/*.jsonl; do [ -e "$f" ] && "$sigmac" scan --format jsonl --output table "$f"; done
  for f in examples/logs/*.audit.log; do [ -e "$f" ] && "$sigmac" scan --format auditd --output table "$f"; done
  for f in examples/logs/*.syslog; do [ -e "$f" ] && "$sigmac" scan --format syslog --output table "$f"; done
fi
exit 0
