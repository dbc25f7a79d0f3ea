#!/usr/bin/env python3
"""CPU use of a running Scyfi cluster, by member, for bench/scripts/workers.sh.

  cpu-sampler.py sample OUT LABEL=PID ...   every second, append one JSON line to OUT: the time,
                                            cumulative CPU seconds (user + system) of each labelled
                                            process, of every PostgreSQL process, of `scyfi sweep`
                                            clients, and the machine's busy/idle/steal seconds
  cpu-sampler.py window OUT T0 T1           cores used by each of them between times T0 and T1

Cumulative counters are read from /proc, so the window's figures do not depend on sampling.
"""
import json
import os
import sys
import time

HZ = os.sysconf("SC_CLK_TCK")


def proc_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / HZ


def sample(labelled):
    row = {"t": time.time(), "postgres": 0.0, "client": 0.0}
    for label, pid in labelled.items():
        try:
            row[label] = proc_seconds(pid)
        except OSError:
            pass
    mine = set(labelled.values())
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or entry in mine:
            continue
        try:
            with open(f"/proc/{entry}/comm") as f:
                comm = f.read().strip()
            with open(f"/proc/{entry}/cmdline") as f:
                cmd = f.read().split("\0")
            if comm.startswith("postgres"):
                row["postgres"] += proc_seconds(entry)
            elif any(c.endswith("scyfi.dll") for c in cmd) and "sweep" in cmd:
                row["client"] += proc_seconds(entry)
        except OSError:
            pass
    with open("/proc/stat") as f:
        cpu = [int(x) / HZ for x in f.readline().split()[1:]]
    row["idle"] = cpu[3] + cpu[4]
    row["steal"] = cpu[7] if len(cpu) > 7 else 0.0
    row["busy"] = sum(cpu[:3]) + sum(cpu[5:7])
    return row


def main():
    if sys.argv[1] == "sample":
        out = sys.argv[2]
        labelled = dict(a.split("=", 1) for a in sys.argv[3:])
        while True:
            with open(out, "a") as f:
                f.write(json.dumps(sample(labelled)) + "\n")
            time.sleep(1)
    elif sys.argv[1] == "window":
        rows = [json.loads(line) for line in open(sys.argv[2])]
        t0, t1 = float(sys.argv[3]), float(sys.argv[4])
        a = min(rows, key=lambda r: abs(r["t"] - t0))
        b = min(rows, key=lambda r: abs(r["t"] - t1))
        span = b["t"] - a["t"]
        # Processes started after T0 (a client) count from zero.
        print(json.dumps({k: round((b[k] - a.get(k, 0.0)) / span, 2) for k in b if k != "t"}))


if __name__ == "__main__":
    main()
