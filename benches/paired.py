#!/usr/bin/env python3
"""Paired whole-run timing: command A and command B in turn (A B A B ...), the ratio A/B
taken pair by pair, medians reported. Pairing keeps a ratio meaningful on a machine whose
speed drifts from one minute to the next, as a shared or virtual one does.

    python3 benches/paired.py -n 61 --vs 'python3 peer_python.py s1000.claims.yaml' -- \\
        target/release/claimlint s1000.claims.yaml --format concise --fail-on never

Wall time is read around each run; processor time (user + system) is the operating
system's account of the finished child. Output goes to /dev/null. Standard library only.
"""

import argparse
import resource
import shlex
import statistics
import subprocess
import sys
import time


def run(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-n", type=int, default=31, help="pairs to run (after one warm-up pair)")
    p.add_argument("--vs", required=True, help="command B, split as a shell splits words")
    p.add_argument("command", nargs=argparse.REMAINDER, help="command A, after --")
    args = p.parse_args()
    a = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not a:
        p.error("give command A after --")
    b = shlex.split(args.vs)
    run(a), run(b)
    rows = {"A wall": [], "A cpu": [], "B wall": [], "B cpu": [], "A/B wall": [], "A/B cpu": []}
    for _ in range(args.n):
        (aw, ac), (bw, bc) = run(a), run(b)
        rows["A wall"].append(aw)
        rows["A cpu"].append(ac)
        rows["B wall"].append(bw)
        rows["B cpu"].append(bc)
        rows["A/B wall"].append(aw / bw if bw else float("nan"))
        rows["A/B cpu"].append(ac / bc if bc else float("nan"))
    print(f"{args.n} pairs; min, median, max")
    for name, values in rows.items():
        unit = "" if "/" in name else " s"
        print(f"{name + unit:<11} {min(values):10.4f} {statistics.median(values):10.4f} "
              f"{max(values):10.4f}")


if __name__ == "__main__":
    sys.exit(main())
