#!/usr/bin/env python3
"""Independent re-implementation of the two seed SPL detections (tests/golden/scan oracle).

This script does not use libsigma or sigmac. It re-implements, with the Python standard
library only, what the two Splunk searches in ../shared/seeds/ return on the raw logs of a
golden case, and prints the alerts in the exact form `sigmac scan --output jsonl` must print
them. It was used to generate every scan/<case>/expected.jsonl and re-checks them:

    tests/golden/scan/spl_oracle.py CASE_DIR...        # print what CASE_DIR/expected.jsonl must be
    tests/golden/scan/spl_oracle.py --check [CASE_DIR...]   # compare with the files (default: all)
    tests/golden/scan/spl_oracle.py --write CASE_DIR...     # (re)write expected.jsonl and exit

A case directory holds `args` (the scan arguments after `scan --rules R --output jsonl`, e.g.
`--format auditd host.audit.log`; a `--format F` applies to the files that follow it), the input
files, `expected.jsonl` (stdout) and `exit` (the exit status: 1 when any input line was malformed).

The searches, as the project's rules must reproduce them (see README.md in this directory):

T1552.007 "Detect Container API" (rules A and B, one result set, `sort - _time`)
  A  auditd record with type=EXECVE and a0 = kubectl|docker (SPL field=value: case-insensitive,
     whole value). CommandLine = mvjoin(mvappend(a0..a6), " ") (absent args skipped, a7+ never
     looked at). Flags use match() (regex, unanchored, case-sensitive):
       IsKubectlSecret  kubectl.*(get|describe|edit).*(secret|serviceaccount|sa|configmap)
       IsDockerCred     docker.*(inspect|logs|exec|env)  AND  (pass|secret|token|credential|key)
       IsDockerSock     /var/run/docker\\.sock
     RiskScore = sum, where RiskScore > 0; table _time host auid CommandLine flags RiskScore.
  B  Kubernetes audit event (jsonl) with verb IN (get list watch) AND resource IN (secrets
     serviceaccounts configmaps) (case-insensitive; `resource`, else objectRef.resource),
     NOT user.username IN ("system:serviceaccount:kube-system:*", "system:node:*") (wildcards,
     case-insensitive; an absent username is not excluded); table _time Accessor Resource
     Namespace SecretName sourceIPs{} AlertType="K8s_SecretAccess".
T1059.013 "Detect Container CLI/API" (rule C, `sort - SuspicionScore, - _time`)
  C  auditd record or syslog line whose raw text contains (case-insensitive substring) one of
     the search terms; flags by case-sensitive match() on _raw; SuspicionScore = 3P+3H+C+2S+3E,
     where > 0; table _time host user _raw flags SuspicionScore.
Output: the A/B result set first, then the C result set. Ties in a sort keep input order (first
file first, lower line first). _time compares as an instant, whatever its text form.
"""
import datetime
import json
import os
import re
import sys
from fractions import Fraction

RULE_A = ("3f1b6a52-7c2d-4e8a-9b10-155200700001",
          "Container API Credential Access via kubectl or docker (auditd)", "high")
RULE_B = ("3f1b6a52-7c2d-4e8a-9b10-155200700002",
          "Kubernetes Secret Access by Non-System Account", "high")
RULE_C = ("8c4d2e61-5b3a-4f7c-a2e9-105901300001", "Container CLI/API Abuse", "medium")

C_TERMS = ["docker exec", "docker run", "docker pull", "kubectl exec", "kubectl run",
           "kubectl get secrets", "kubectl apply", "crictl exec", "--privileged", "--net=host",
           "-v /:/host", "docker.sock"]
RE_KUBECTL_SECRET = re.compile(r"kubectl.*(get|describe|edit).*(secret|serviceaccount|sa|configmap)")
RE_DOCKER_CMD = re.compile(r"docker.*(inspect|logs|exec|env)")
RE_CRED_WORD = re.compile(r"(pass|secret|token|credential|key)")
RE_DOCKER_SOCK = re.compile(r"/var/run/docker\.sock")
RE_PRIV = re.compile(r"(--privileged|--cap-add=SYS_ADMIN|--net=host|--pid=host)")
RE_HOSTMOUNT = re.compile(r"(-v /:/host|-v /etc:/|-v /var/run/docker\.sock)")
RE_EXEC = re.compile(r"(docker exec|kubectl exec|crictl exec)")
RE_SECRETS = re.compile(r"(get secrets|get configmaps)")
RE_ESCAPE = re.compile(r"(nsenter|chroot /host)")

MONTHS = {m: i for i, m in enumerate(
    "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), start=1)}
ASSUMED_YEAR = 2024  # RFC 3164 stamps carry no year; only used to order them


class Malformed(Exception):
    pass


# ------------------------------------------------------------------------------- time

RFC3339 = re.compile(r"^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(\.\d+)?([Zz]|[+-]\d\d:\d\d)$")


def rfc3339(text):
    """Return (ISO-8601 UTC text keeping the fraction digits, exact instant) or raise."""
    m = RFC3339.match(text)
    if not m:
        raise Malformed("bad RFC 3339 time %r" % text)
    y, mo, d, h, mi, s = (int(x) for x in m.group(1, 2, 3, 4, 5, 6))
    frac = m.group(7) or ""
    zone = m.group(8)
    dt = datetime.datetime(y, mo, d, h, mi, s, tzinfo=datetime.timezone.utc)
    if zone not in ("Z", "z"):
        sign = 1 if zone[0] == "+" else -1
        dt -= sign * datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
    text_out = dt.strftime("%Y-%m-%dT%H:%M:%S") + frac + "Z"
    instant = Fraction(int(dt.timestamp())) + (Fraction(frac[1:]) / 10 ** (len(frac) - 1)
                                               if frac else 0)
    return text_out, instant


def epoch_text(sec, frac):
    dt = datetime.datetime.fromtimestamp(int(sec), tz=datetime.timezone.utc)
    text = dt.strftime("%Y-%m-%dT%H:%M:%S") + ("." + frac if frac else "") + "Z"
    return text, Fraction(int(sec)) + (Fraction(int(frac), 10 ** len(frac)) if frac else 0)


# ------------------------------------------------------------------------------- auditd

AUDIT_HDR = re.compile(r"^(?:node=(\S+) )?type=(\S+) msg=audit\((\d+)\.(\d+):(\d+)\):(.*)$")
HEXARG = re.compile(r"^(?:[0-9A-Fa-f]{2})+$")
ARGN = re.compile(r"^a\d+$")


def audit_kv(body):
    """Top-level key=value pairs of an audit record body (quotes removed, quoted=True/False)."""
    out = {}
    i, n = 0, len(body)
    while i < n:
        while i < n and body[i] == " ":
            i += 1
        j = i
        while j < n and body[j] not in " =":
            j += 1
        if j >= n or body[j] != "=":   # a bare word (e.g. "user" in USER_CMD): skip it
            i = j + 1
            continue
        key = body[i:j]
        j += 1
        if j < n and body[j] in "\"'":
            q = body[j]
            k = body.find(q, j + 1)
            if k < 0:
                k = n
            out.setdefault(key, (body[j + 1:k], True))
            i = k + 1
        else:
            k = body.find(" ", j)
            if k < 0:
                k = n
            out.setdefault(key, (body[j:k], False))
            i = k
    return out


def read_auditd(path):
    events, malformed = [], 0
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    raw_lines = text.split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    syscalls = {}
    parsed = []
    for no, line in enumerate(raw_lines, start=1):
        if line == "":
            continue
        m = AUDIT_HDR.match(line)
        if not m:
            malformed += 1
            continue
        node, typ, sec, frac, serial, body = m.groups()
        ev = {}
        for k, (v, quoted) in audit_kv(body).items():
            if ARGN.match(k) and typ.upper() == "EXECVE" and not quoted and HEXARG.match(v):
                v = bytes.fromhex(v).decode("utf-8", errors="replace")
            ev[k] = v
        ev["type"] = typ
        if node is not None:
            ev["host"] = node
        ev["_time"], ev["_instant"] = epoch_text(sec, frac)
        ev["_raw"] = line
        ev["_serial"] = serial
        parsed.append((no, ev))
        if typ.upper() == "SYSCALL":
            syscalls.setdefault(serial, ev)
    for no, ev in parsed:
        if ev["type"].upper() == "EXECVE" and ev["_serial"] in syscalls:
            sc = syscalls[ev["_serial"]]
            for k in ("auid", "uid", "pid", "ppid", "exe", "comm", "key", "ses", "tty", "success"):
                if k not in ev and k in sc:
                    ev[k] = sc[k]
        events.append((no, ev))
    return events, malformed


# ------------------------------------------------------------------------------- jsonl

def read_jsonl(path):
    events, malformed = [], 0
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    raw_lines = text.split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    for no, line in enumerate(raw_lines, start=1):
        if line.strip() == "":
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            malformed += 1
            continue
        if not isinstance(obj, dict):
            malformed += 1
            continue
        events.append((no, obj))
    return events, malformed


def jget(obj, dotted):
    if dotted in obj:
        return obj[dotted]
    cur = obj
    for part in dotted.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


# ------------------------------------------------------------------------------- syslog

SYSLOG_5424 = re.compile(r"^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) (.*)$")
SYSLOG_3164 = re.compile(r"^(?:<\d{1,3}>)?([A-Z][a-z]{2}) ([ \d]\d) (\d\d):(\d\d):(\d\d) (\S+) (.*)$")


def read_syslog(path):
    events, malformed = [], 0
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    raw_lines = text.split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    for no, line in enumerate(raw_lines, start=1):
        if line == "":
            continue
        m = SYSLOG_5424.match(line)
        if m:
            t, inst = rfc3339(m.group(2))
            host = None if m.group(3) == "-" else m.group(3)
            events.append((no, {"_time": t, "_instant": inst, "_abs": True, "host": host,
                                "_raw": line}))
            continue
        m = SYSLOG_3164.match(line)
        if m and m.group(1) in MONTHS:
            mon, day, hh, mm, ss, host = m.group(1, 2, 3, 4, 5, 6)
            stamp_text = line[line.index(mon):line.index(mon) + 15]
            dt = datetime.datetime(ASSUMED_YEAR, MONTHS[mon], int(day), int(hh), int(mm), int(ss),
                                   tzinfo=datetime.timezone.utc)
            events.append((no, {"_time": stamp_text, "_instant": Fraction(int(dt.timestamp())),
                                "_abs": False, "host": host, "_raw": line}))
            continue
        malformed += 1
    return events, malformed


# ------------------------------------------------------------------------------- rules

def rule_a(ev):
    if str(ev.get("type", "")).lower() != "execve":
        return None
    a0 = ev.get("a0")
    if a0 is None or a0.lower() not in ("kubectl", "docker"):
        return None
    parts = [ev["a%d" % i] for i in range(7) if ev.get("a%d" % i) is not None]
    cl = " ".join(parts)
    k = 1 if RE_KUBECTL_SECRET.search(cl) else 0
    d = 1 if (RE_DOCKER_CMD.search(cl) and RE_CRED_WORD.search(cl)) else 0
    s = 1 if RE_DOCKER_SOCK.search(cl) else 0
    score = k + d + s
    if not score > 0:
        return None
    return [("_time", ev["_time"]), ("host", ev.get("host")), ("auid", ev.get("auid")),
            ("CommandLine", cl), ("IsKubectlSecret", k), ("IsDockerCred", d),
            ("IsDockerSock", s), ("RiskScore", score)]


def wildcard(pattern):
    return re.compile("^" + ".*".join(re.escape(p) for p in pattern.split("*")) + "$",
                      re.IGNORECASE | re.DOTALL)


EXCLUDED_USERS = [wildcard("system:serviceaccount:kube-system:*"), wildcard("system:node:*")]


def k8s_time(ev):
    for name in ("requestReceivedTimestamp", "stageTimestamp"):
        v = ev.get(name)
        if isinstance(v, str):
            return rfc3339(v)
    return None, None


def rule_b(ev):
    verb = ev.get("verb")
    if not isinstance(verb, str) or verb.lower() not in ("get", "list", "watch"):
        return None
    resource = ev.get("resource")
    if resource is None:
        resource = jget(ev, "objectRef.resource")
    if not isinstance(resource, str) or resource.lower() not in (
            "secrets", "serviceaccounts", "configmaps"):
        return None
    user = jget(ev, "user.username")
    if isinstance(user, str) and any(p.match(user) for p in EXCLUDED_USERS):
        return None
    ips = ev.get("sourceIPs")
    if isinstance(ips, list):
        ips = None if len(ips) == 0 else (ips[0] if len(ips) == 1 else list(ips))
    t, inst = k8s_time(ev)
    ev["_instant"] = inst
    return [("_time", t), ("Accessor", user), ("Resource", resource),
            ("Namespace", jget(ev, "objectRef.namespace")),
            ("SecretName", jget(ev, "objectRef.name")), ("sourceIPs", ips),
            ("AlertType", "K8s_SecretAccess")]


def rule_c(ev):
    raw = ev["_raw"]
    low = raw.lower()
    if not any(t in low for t in C_TERMS):
        return None
    p = 1 if RE_PRIV.search(raw) else 0
    h = 1 if RE_HOSTMOUNT.search(raw) else 0
    c = 1 if RE_EXEC.search(raw) else 0
    s = 1 if RE_SECRETS.search(raw) else 0
    e = 1 if RE_ESCAPE.search(raw) else 0
    score = p * 3 + h * 3 + c + s * 2 + e * 3
    if not score > 0:
        return None
    return [("_time", ev["_time"]), ("host", ev.get("host")), ("user", ev.get("user")),
            ("_raw", raw), ("PrivilegedContainer", p), ("HostMount", h), ("ContainerExec", c),
            ("SecretsAccess", s), ("ContainerEscape", e), ("SuspicionScore", score)]


# ------------------------------------------------------------------------------- output

def jstr(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20:
            out.append("\\u%04x" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def jval(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return jstr(v)
    if isinstance(v, list):
        return "[" + ",".join(jval(x) for x in v) + "]"
    raise TypeError(v)


def alert_line(rule, input_name, record, fields):
    rid, title, level = rule
    body = ",".join(jstr(k) + ":" + jval(v) for k, v in fields)
    return ('{"rule_id":%s,"title":%s,"level":%s,"input":%s,"record":%d,"fields":{%s}}'
            % (jstr(rid), jstr(title), jstr(level), jstr(input_name), record, body))


# ------------------------------------------------------------------------------- a run

READERS = {"auditd": read_auditd, "jsonl": read_jsonl, "syslog": read_syslog}


def parse_args(words):
    fmt, files = None, []
    it = iter(words)
    for w in it:
        if w == "--format":
            fmt = next(it)
        elif w.startswith("--format="):
            fmt = w.split("=", 1)[1]
        elif w.startswith("-"):
            raise SystemExit("spl_oracle: unsupported argument %r" % w)
        else:
            files.append((fmt, w))
    return files


def run_case(case_dir):
    with open(os.path.join(case_dir, "args"), encoding="utf-8") as f:
        words = f.read().split()
    group_ab, group_c = [], []  # (sort key..., order, line)
    order = 0
    malformed = 0
    for fmt, name in parse_args(words):
        if fmt not in READERS:
            raise SystemExit("spl_oracle: no reader for format %r" % fmt)
        events, bad = READERS[fmt](os.path.join(case_dir, name))
        malformed += bad
        for no, ev in events:
            order += 1
            if fmt == "auditd":
                f = rule_a(ev)
                if f:
                    group_ab.append((ev["_instant"], order, alert_line(RULE_A, name, no, f)))
            if fmt == "jsonl":
                f = rule_b(ev)
                if f:
                    group_ab.append((ev["_instant"], order, alert_line(RULE_B, name, no, f)))
            if fmt in ("auditd", "syslog"):
                f = rule_c(ev)
                if f:
                    group_c.append(((f[-1][1], ev["_instant"]), order,
                                    alert_line(RULE_C, name, no, f), ev.get("_abs", True)))
    # sort - _time (stable: Python's sort keeps the input order of equal keys, also reversed)
    group_ab.sort(key=lambda a: a[0], reverse=True)
    group_c.sort(key=lambda a: a[0], reverse=True)
    # an RFC 3164 stamp has no year or zone: refuse to order it against an absolute time
    for i in range(len(group_c) - 1):
        (s1, _), (s2, _) = group_c[i][0], group_c[i + 1][0]
        if s1 == s2 and group_c[i][3] != group_c[i + 1][3]:
            sys.stderr.write("spl_oracle: %s: RFC 3164 time ordered against an absolute time; "
                             "avoid equal scores across the two forms\n" % case_dir)
    out = "".join(a[2] + "\n" for a in group_ab) + "".join(a[2] + "\n" for a in group_c)
    return out, (1 if malformed else 0)


def all_cases(root):
    return sorted(os.path.join(root, d) for d in os.listdir(root)
                  if os.path.isfile(os.path.join(root, d, "args")))


def main(argv):
    mode = "print"
    if argv and argv[0] in ("--check", "--write"):
        mode = argv[0][2:]
        argv = argv[1:]
    cases = argv or all_cases(os.path.dirname(os.path.abspath(__file__)))
    failed = 0
    for case in cases:
        out, code = run_case(case)
        exp_path = os.path.join(case, "expected.jsonl")
        exit_path = os.path.join(case, "exit")
        if mode == "print":
            sys.stdout.write(out)
            sys.stdout.write("# exit %d\n" % code)
        elif mode == "write":
            with open(exp_path, "w", encoding="utf-8", newline="") as f:
                f.write(out)
            with open(exit_path, "w") as f:
                f.write("%d\n" % code)
        else:
            with open(exp_path, encoding="utf-8", newline="") as f:
                exp = f.read()
            exp_code = 0
            if os.path.exists(exit_path):
                with open(exit_path) as f:
                    exp_code = int(f.read().strip() or 0)
            ok = exp == out and exp_code == code
            failed += not ok
            print("%s %s" % ("ok  " if ok else "FAIL", os.path.basename(case)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
