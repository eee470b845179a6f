#!/usr/bin/env python3
"""SigmaHQ regression conformance: the whole SigmaHQ corpus, with the bundled `windows` pipeline,
over every JSON event file in sigmahq/regression_data.

  check.py SIGMAC SIGMAHQ_DIR [--update]

- Every file fires the rule its info.yml names, `match_count` times where info.yml gives one
  (at least once otherwise). The few files where info.yml's count is provably wrong are listed,
  with the reason, in count_exceptions.tsv; the count we give there is asserted instead.
- Every other alert on these events (another rule firing) is compared with other_alerts.tsv,
  the list reviewed by hand (docs/conformance.md says why each one fires). --update rewrites it.

Both lists name a regression file by its file name (a UUID, unique in the corpus) and rules by
id only: nothing of the corpus is kept here but those identifiers.

Exits 77 (skipped) when the corpus is absent. Standard library only.
"""
import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RULE_DIRS = ["rules", "rules-emerging-threats", "rules-threat-hunting"]


def read_info(path):
    """(rule id, match_count or None) from an info.yml, without a YAML library."""
    text = open(path, encoding="utf-8").read()
    rule = re.search(r"^rule_metadata:\s*\n\s*-\s*id:\s*([0-9a-f-]{36})", text, re.M)
    count = re.search(r"^\s*match_count:\s*(\d+)", text, re.M)
    return rule.group(1), int(count.group(1)) if count else None


def read_tsv(name):
    rows = []
    path = os.path.join(HERE, name)
    for line in open(path, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    sigmac, corpus = sys.argv[1], sys.argv[2]
    update = "--update" in sys.argv[3:]
    if not os.path.isdir(os.path.join(corpus, "regression_data")):
        print(f"SKIP: {corpus}/regression_data is absent (the shared test corpus)")
        return 77
    files = sorted(
        os.path.relpath(p, corpus)
        for p in glob.glob(os.path.join(corpus, "regression_data", "**", "*.json"), recursive=True))
    args = [sigmac, "scan", "--pipeline", "windows"]
    for d in RULE_DIRS:
        args += ["--rules", d]
    args += ["--format", "evtx-json", "--stats"] + files
    run = subprocess.run(args, cwd=corpus, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        print(run.stderr)
        print(f"sigmac scan exited {run.returncode}")
        return 1
    alerts = [json.loads(line) for line in run.stdout.splitlines()]
    print(run.stderr.strip().splitlines()[-1])

    exceptions = {row[0]: row for row in read_tsv("count_exceptions.tsv")}
    names = {f: os.path.splitext(os.path.basename(f))[0] for f in files}
    failures = []
    others = set()
    for f in files:
        rule, count = read_info(os.path.join(corpus, os.path.dirname(f), "info.yml"))
        mine = [a for a in alerts if a["input"] == f and a["rule_id"] == rule]
        want = count
        if names[f] in exceptions:
            want = int(exceptions[names[f]][2])
        if (want is None and not mine) or (want is not None and len(mine) != want):
            failures.append(f"{f}: rule {rule} fired {len(mine)} times, expected "
                            f"{'at least once' if want is None else want}")
        for a in alerts:
            if a["input"] == f and a["rule_id"] != rule:
                others.add((names[f], str(a["record"]), a["rule_id"]))
    for name in exceptions:
        if name not in names.values():
            failures.append(f"count_exceptions.tsv names {name}, which is not in the corpus")

    print(f"{len(files) - len(failures)}/{len(files)} files fire their rule as info.yml says "
          f"({len(exceptions)} with a corrected count); {len(others)} alerts of other rules")
    if update:
        with open(os.path.join(HERE, "other_alerts.tsv"), "w", encoding="utf-8") as out:
            out.write("# regression file\trecord\trule id (reviewed: docs/conformance.md)\n")
            for row in sorted(others):
                out.write("\t".join(row) + "\n")
        print("updated other_alerts.tsv")
    else:
        reviewed = {tuple(r) for r in read_tsv("other_alerts.tsv")}
        for row in sorted(others - reviewed):
            failures.append("new alert of another rule: " + " ".join(row))
        for row in sorted(reviewed - others):
            failures.append("reviewed alert no longer fires: " + " ".join(row))
    for line in failures:
        print("FAIL " + line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
