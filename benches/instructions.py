#!/usr/bin/env python3
"""Instructions executed by command A and command B, and their ratio, counted by
valgrind's callgrind. The count does not move with the machine's load or state, where
the time of a run does from one day to the next; it is not time (an interpreter and a
compiled program do not run the same number of instructions a second), so it stands
beside a timed comparison (`paired.py`), not in its place.

    python3 benches/instructions.py --vs "$(command -v python3) ../shared/bench/peer_python.py s1000.claims.yaml" -- \\
        target/release/claimlint s1000.claims.yaml --format concise --fail-on never

Every process a command starts is counted (`--trace-children=yes`): a `python3` that is
a launcher script (pyenv's shim) counts its own processes too. Give such a launcher by
its full path, as above: this script's own `PATH` may lead `python3` elsewhere (pyenv puts
the interpreter's folder first for the programs it starts). Output goes to /dev/null.
Needs valgrind; standard library otherwise.
"""

import argparse
import re
import shlex
import subprocess
import sys


def instructions(cmd):
    """The instructions of `cmd` and of every process it starts, and how many processes."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--trace-children=yes",
         "--callgrind-out-file=/dev/null", *cmd],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True, check=False)
    counts = [int(n.replace(",", "")) for n in re.findall(r"I\s+refs:\s+([\d,]+)", done.stderr)]
    if not counts:
        sys.exit(f"valgrind counted nothing for: {shlex.join(cmd)}\n{done.stderr[-2000:]}")
    return sum(counts), len(counts)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--vs", required=True, help="command B, split as a shell splits words")
    p.add_argument("command", nargs=argparse.REMAINDER, help="command A, after --")
    args = p.parse_args()
    a = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not a:
        p.error("give command A after --")
    (ia, na), (ib, nb) = instructions(a), instructions(shlex.split(args.vs))
    print(f"A {ia:>15,} instructions in {na} process{'es' if na != 1 else ''}")
    print(f"B {ib:>15,} instructions in {nb} process{'es' if nb != 1 else ''}")
    print(f"B/A {ib / ia:.1f}")


if __name__ == "__main__":
    sys.exit(main())
