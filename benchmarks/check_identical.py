"""Check that the command line's outputs stay byte-identical across a speed-up (not a test).

    python benchmarks/check_identical.py --save      # record the reference outputs
    python benchmarks/check_identical.py             # compare against them (exit 1 on a difference)
    python benchmarks/check_identical.py --only check-hits-tsv
    python benchmarks/check_identical.py --jobs 2        # worker processes: the same bytes

Runs ``genenorm`` (the installed command, one fresh process per case, one case at a time) on

- ``check`` of the 60 + 13 sample pages of ``../shared/samples/pfocr-website-more/_figures``
  and ``../shared/samples/pfocr-website/_figures`` (JSONL and TSV);
- ``check-hits`` of the 90,719-row 2020 table ``../shared/samples/pfocr-2020/adrd_gene_hits.tsv``
  (JSONL and TSV);

and compares stdout, stderr and the exit status with the references saved by ``--save``
under ``.cache/identical/`` of the repository (gitignored, so references never enter git;
``--refs DIR`` to keep them elsewhere). A difference prints the first differing line. The
wall time of each case is printed too, as a rough guide only (use the benchmarks to measure).
"""

from __future__ import annotations

import argparse
import hashlib
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"
FIGURES = [
    SAMPLES / "pfocr-website-more" / "_figures",
    SAMPLES / "pfocr-website" / "_figures",
]
TABLE = SAMPLES / "pfocr-2020" / "adrd_gene_hits.tsv"

#: name -> genenorm arguments
CASES: dict[str, list[str]] = {
    "check-jsonl": ["check", "--no-progress", *map(str, FIGURES)],
    "check-tsv": ["check", "--no-progress", "--format", "tsv", *map(str, FIGURES)],
    "check-hits-jsonl": ["check-hits", "--format", "jsonl", str(TABLE)],
    "check-hits-tsv": ["check-hits", str(TABLE)],
}


def genenorm_command() -> list[str]:
    """The installed ``genenorm`` script next to this Python, else ``python -m genenorm``."""
    script = Path(sys.executable).with_name("genenorm")
    found = script if script.exists() else shutil.which("genenorm")
    return [str(found)] if found else [sys.executable, "-m", "genenorm"]


#: The command run (``--command``): the installed ``genenorm`` by default.
COMMAND: list[str] = []


def run(args: list[str]) -> tuple[bytes, bytes, int, float]:
    """stdout, stderr, exit status and wall time of one ``genenorm`` process (run outside
    the source tree, so that ``python -m genenorm`` never picks up a checkout by accident)."""
    t = time.perf_counter()
    proc = subprocess.run(
        [*(COMMAND or genenorm_command()), *args],
        capture_output=True,
        check=False,
        cwd=tempfile.gettempdir(),
    )
    return proc.stdout, proc.stderr, proc.returncode, time.perf_counter() - t


def first_difference(new: bytes, old: bytes) -> str:
    """The first line where *new* and *old* differ, both shown (shortened)."""
    a, b = new.splitlines(), old.splitlines()
    for i, (x, y) in enumerate(zip(a, b, strict=False), start=1):
        if x != y:
            return f"line {i}:\n  new: {x[:300]!r}\n  ref: {y[:300]!r}"
    return f"lengths differ: {len(a)} lines now, {len(b)} in the reference"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def main() -> int:
    """Save or compare every case; return 1 if any differs or a reference is missing."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--save", action="store_true", help="record the reference outputs")
    parser.add_argument("--refs", type=Path, default=ROOT / ".cache" / "identical")
    parser.add_argument("--only", nargs="+", choices=sorted(CASES), help="run these cases only")
    parser.add_argument(
        "--command",
        help="the command to run instead of the installed genenorm, e.g. to save the references"
        " of another checkout: 'env PYTHONPATH=/path/to/checkout:SITE_PACKAGES python -S -m genenorm'",
    )
    parser.add_argument(
        "--jobs", type=int, default=0, metavar="N",
        help="run every case with --jobs N, compared with the same references (which a run "
        "in one process saved): judging in worker processes must not change a byte",
    )  # fmt: skip
    args = parser.parse_args()
    if args.command:
        COMMAND[:] = shlex.split(args.command)
    missing = [p for p in [*FIGURES, TABLE] if not p.exists()]
    if missing:
        parser.error(f"sample input not found: {', '.join(map(str, missing))}")
    args.refs.mkdir(parents=True, exist_ok=True)
    bad = 0
    for name in args.only or CASES:
        out, err, rc, dt = run([*CASES[name], *(["--jobs", str(args.jobs)] if args.jobs else [])])
        files = {"out": out, "err": err, "rc": f"{rc}\n".encode()}
        where = f"{name}: {len(out):,} bytes out, exit {rc}, {dt:.2f} s"
        if args.save:
            for ext, data in files.items():
                (args.refs / f"{name}.{ext}").write_bytes(data)
            print(f"saved     {where} (sha256 {digest(out)})")
            continue
        problems = []
        for ext, data in files.items():
            ref = args.refs / f"{name}.{ext}"
            if not ref.exists():
                problems.append(f"no reference {ref}; run with --save first")
            elif (old := ref.read_bytes()) != data:
                problems.append(f"{ext} differs at {first_difference(data, old)}")
        if problems:
            bad += 1
            print(f"DIFFERENT {where}")
            for p in problems:
                print(f"  {p}")
        else:
            print(f"identical {where} (sha256 {digest(out)})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
