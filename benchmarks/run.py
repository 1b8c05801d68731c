"""claimcheck's speed, measured side by side in one run: start-up, scale and breadth.

    python benchmarks/run.py                  # the README's table (several minutes)
    python benchmarks/run.py --quick          # tiny sizes, one run each: a smoke test
    python benchmarks/run.py --sizes 1000,10000 --files 200 --repeat 3

Every measurement is a fresh process: wall time by the clock around it, peak memory
(maximum resident set size) from the operating system when the process ends.  The
commands of a table are run in turn, round after round, so that a slow moment of the
machine falls on all of them alike; the table shows medians and their ratios.  Every
command runs with a bytecode cache (in the work folder, written by a first untimed run),
as an installed tool does; the machine's load average is printed before and after.

- start-up: `claimcheck --version` and a run on one file (text and json) against the
  floors `python -c "import typer, yaml"` and `python -c "import typer, rich.table,
  yaml"` (what any typer-and-YAML tool pays before doing anything), and `yamllint` on
  the same file ("n/a" when yamllint is not installed);
- scale: generated files of N claims (benchmarks/generate.py), `claimcheck run
  --format json` against a bare `yaml.compose` of the same file with the C loader;
- breadth: a folder of small claim files in one run, without and with `-j`; beside it,
  the same number of CPU-bound Python loops at once against one: the speed-up the machine
  itself has to give at that moment (on a shared machine, much less than its CPU count).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate

HERE: Final = Path(__file__).resolve().parent
ROOT: Final = HERE.parent

DEFAULT_FILE: Final = ROOT / "claims" / "kuaishou.yaml"
COMPOSE: Final = ("import sys, yaml; "
                  "yaml.compose(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader)")
FLOOR_JSON: Final = "import typer, yaml"
FLOOR_TEXT: Final = "import typer, rich.table, yaml"
STARTUP_ROUNDS: Final = 4  # start-up runs are short: this many times --repeat
# N processes of a pure-Python loop at once: the speed-up the machine has to give right now
SPIN: Final = ("import subprocess, sys\n"
               "loop = 'x = 0\\nfor i in range(3_000_000): x += i % 7 * (i // 3)'\n"
               "ps = [subprocess.Popen([sys.executable, '-c', loop]) for _ in range(int(sys.argv[1]))]\n"
               "sys.exit(max(p.wait() for p in ps))")
# text, not github, under GitHub Actions; and bytecode is written (see PYTHONPYCACHEPREFIX below)
UNSET: Final = ("GITHUB_ACTIONS", "COLUMNS", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")


@dataclass(slots=True)
class Runs:
    """The runs of one command."""

    argv: list[str]
    walls: list[float] = field(default_factory=list)  # seconds
    peaks: list[int | None] = field(default_factory=list)  # KiB
    codes: list[int] = field(default_factory=list)
    stderr: str = ""

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def peak(self) -> float | None:
        known = [p for p in self.peaks if p is not None]
        return statistics.median(known) if known else None


def run_once(argv: Sequence[str], cwd: Path, env: dict[str, str]) -> tuple[float, int | None, int, str]:
    """Wall time (s), peak memory (KiB, None where the OS does not say), exit code, stderr."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(argv), cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err)
        peak: int | None = None
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = code = os.waitstatus_to_exitcode(status)
            peak = usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1)
        else:  # pragma: no cover - Windows
            code = proc.wait()
            wall = time.perf_counter() - start
        err.seek(0)
        return wall, peak, code, err.read().decode("utf-8", "replace")


def measure(commands: dict[str, list[str]], rounds: int, cwd: Path, env: dict[str, str]) -> dict[str, Runs]:
    """Run every command once to warm caches, then `rounds` times each, in turn."""
    out = {label: Runs(argv) for label, argv in commands.items()}
    labels = list(commands)
    for label in labels:
        *_, code, err = run_once(commands[label], cwd, env)
        out[label].stderr = err if _failed(code, err) else ""
    for r in range(rounds):
        shift = r % len(labels)
        for label in labels[shift:] + labels[:shift]:  # a different command goes first each round
            wall, peak, code, err = run_once(commands[label], cwd, env)
            runs = out[label]
            runs.walls.append(wall)
            runs.peaks.append(peak)
            runs.codes.append(code)
            if _failed(code, err) and not runs.stderr:
                runs.stderr = err
    return out


def _failed(code: int, stderr: str) -> bool:
    """A crash or a usage error, not a verdict (claimcheck exits 0, 1 or 2 by the contract)."""
    return code not in (0, 1, 2) or any(s in stderr for s in ("Traceback (most recent call last)", "Usage:"))


# --- formatting ----------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def secs(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 1 else f"{seconds:,.2f} s"


def mib(kib: float | None) -> str:
    return "n/a" if kib is None else f"{kib / 1024:,.0f} MB"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b > 0 else "n/a"


def table(head: list[str], rows: list[list[str]], right: int = 1) -> str:
    """A Markdown table; columns from `right` on are right-aligned."""
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        padded = (c.rjust(w) if i >= right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if i >= right else ("-" * (w + 2)) for i, w in enumerate(widths)) + "|"
    return "\n".join([line(head), rule, *(line(r) for r in rows)])


# --- the three tables -------------------------------------------------------------------------


@dataclass(slots=True)
class Tools:
    python: str
    claimcheck: list[str]
    yamllint: list[str] | None


def find_tools() -> Tools:
    bindir = os.path.dirname(sys.executable)
    cc = shutil.which("claimcheck", path=bindir) or shutil.which("claimcheck")
    yl = shutil.which("yamllint", path=bindir) or shutil.which("yamllint")
    return Tools(sys.executable, [cc] if cc else [sys.executable, "-m", "claimcheck"], [yl] if yl else None)


def startup(tools: Tools, file: Path, shown: str, rounds: int,
            env: dict[str, str]) -> tuple[str, dict[str, Runs]]:
    py = tools.python
    cmds = {
        "floor_json": [py, "-c", FLOOR_JSON],
        "floor_text": [py, "-c", FLOOR_TEXT],
        "version": [*tools.claimcheck, "--version"],
        "text": [*tools.claimcheck, "run", str(file)],
        "json": [*tools.claimcheck, "run", "--format", "json", str(file)],
    }
    if tools.yamllint:
        cmds["yamllint"] = [*tools.yamllint, str(file)]
    runs = measure(cmds, rounds, ROOT, env)
    fj, ft = runs["floor_json"].wall, runs["floor_text"].wall
    yl = runs["yamllint"].wall if "yamllint" in runs else None
    spec = [
        ("floor_json", f'python -c "{FLOOR_JSON}"', fj, "", ""),
        ("floor_text", f'python -c "{FLOOR_TEXT}"', ft, "", ""),
        ("version", "claimcheck --version", fj, "typer, yaml", ""),
        ("text", f"claimcheck run {shown}", ft, "typer, rich.table, yaml", "≤ 1.5×"),
        ("json", f"claimcheck run --format json {shown}", fj, "typer, yaml", "≤ 1.3×"),
        ("yamllint", f"yamllint {shown}", fj, "typer, yaml", ""),
    ]
    rows = []
    for label, what, floor, floor_name, goal in spec:
        r = runs.get(label)
        if r is None:
            rows.append([what, "n/a", "n/a", "n/a", "n/a", "not installed"])
            continue
        vs_floor = ratio(r.wall, floor) + (f" of {floor_name}" if floor_name else "")
        vs_yl = ratio(r.wall, yl) if yl and label in ("version", "text", "json") else ""
        rows.append([what, ms(r.wall), mib(r.peak), vs_floor, vs_yl, goal])
    head = ["start-up", "wall (median)", "peak memory", "× floor", "× yamllint", "goal"]
    return table(head, rows), runs


def scale(tools: Tools, sizes: list[int], rounds: int, work: Path,
          env: dict[str, str]) -> tuple[str, dict[int, dict[str, Runs]]]:
    rows = []
    found: dict[int, dict[str, Runs]] = {}
    prev: tuple[int, float] | None = None
    for n in sizes:
        path = work / f"claims_{n}.yaml"
        generate.write_file(str(path), n)
        cmds = {
            "compose": [tools.python, "-c", COMPOSE, str(path)],
            "json": [*tools.claimcheck, "run", "--format", "json", str(path)],
        }
        runs = found[n] = measure(cmds, rounds, work, env)
        c, j = runs["compose"], runs["json"]
        step = f"{j.wall / prev[1]:.1f}× for {n / prev[0]:g}× claims" if prev else ""
        rows.append([f"{n:,}", f"{path.stat().st_size / 2**20:,.1f} MB", secs(c.wall), mib(c.peak),
                     secs(j.wall), mib(j.peak), ratio(j.wall, c.wall), step, f"{n / j.wall:,.0f}"])
        prev = (n, j.wall)
    head = ["claims", "file", "yaml.compose (C)", "its memory", "claimcheck --format json", "its memory",
            "× compose", "growth", "claims/s"]
    return table(head, rows), found


def breadth(tools: Tools, files: int, claims: int, jobs: int, rounds: int, work: Path,
            env: dict[str, str]) -> tuple[str, dict[str, Runs]]:
    folder = work / f"folder_{files}"
    generate.write_folder(str(folder), files, claims)
    cmds = {
        "serial": [*tools.claimcheck, "run", "--format", "json", str(folder)],
        "jobs": [*tools.claimcheck, "run", "--format", "json", "-j", str(jobs), str(folder)],
        # what the machine itself gives: `jobs` copies of a CPU-bound loop at once, against one
        "loop_one": [tools.python, "-c", SPIN, "1"],
        "loop_many": [tools.python, "-c", SPIN, str(jobs)],
    }
    runs = measure(cmds, rounds, work, env)
    s, j, one, many = runs["serial"], runs["jobs"], runs["loop_one"], runs["loop_many"]
    rows = [
        [f"{files:,} files of {claims} claims", secs(s.wall), mib(s.peak), secs(j.wall), mib(j.peak),
         f"{s.wall / j.wall:.2f}×", "≥ 1.6×" if jobs == 2 else ""],
        [f"reference: {jobs} CPU-bound loops at once", secs(one.wall), "", secs(many.wall), "",
         f"{jobs * one.wall / many.wall:.2f}×", f"≤ {jobs}×"],
    ]
    head = ["breadth", "one process", "its memory", f"-j {jobs}", "its memory", "speed-up", "goal"]
    return table(head, rows), runs


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    import yaml

    libyaml = "with libyaml" if getattr(yaml, "__with_libyaml__", False) else "without libyaml"
    return (f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, PyYAML {yaml.__version__} {libyaml}, "
            + ", ".join(f"{name} {_version(name)}" for name in ("claimcheck", "typer", "rich", "yamllint")))


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


def load() -> str:
    """The machine's load average: other work slows every row, and -j most."""
    try:
        one, five, _ = os.getloadavg()
    except (AttributeError, OSError):
        return "load average n/a"
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def goals(start: dict[str, Runs], sizes: dict[int, dict[str, Runs]], wide: dict[str, Runs], jobs: int) -> list[str]:
    out = []

    def say(ok: bool, text: str) -> None:
        out.append(f"- {'met' if ok else 'NOT met'}: {text}")

    t = start["text"].wall / start["floor_text"].wall
    j = start["json"].wall / start["floor_json"].wall
    say(t <= 1.5, f"a text run within 1.5× the typer, rich.table, yaml floor ({t:.2f}×)")
    say(j <= 1.3, f"a json run within 1.3× the typer, yaml floor ({j:.2f}×)")
    if 100_000 in sizes:
        r = sizes[100_000]
        x = r["json"].wall / r["compose"].wall
        say(x <= 3, f"100k claims within 3× the bare compose ({x:.2f}×)")
        peak = r["json"].peak
        if peak is not None:
            say(peak < 1024 * 1024, f"100k claims under 1 GB ({mib(peak)})")
    if 10_000 in sizes and 100_000 in sizes:
        g = sizes[100_000]["json"].wall / sizes[10_000]["json"].wall
        say(g <= 11, f"10k → 100k claims costs at most 11× ({g:.1f}×)")
    if jobs == 2:
        s = wide["serial"].wall / wide["jobs"].wall
        m = 2 * wide["loop_one"].wall / wide["loop_many"].wall
        say(s >= 1.6, f"-j 2 at least 1.6× faster than one process ({s:.2f}×; two loops at once: {m:.2f}×)")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="1000,10000,100000", help="claims per generated file, comma-separated")
    p.add_argument("--files", type=int, default=1000, help="small files in the breadth folder")
    p.add_argument("--claims-per-file", type=int, default=20)
    p.add_argument("--jobs", type=int, default=2, help="the -j of the breadth table")
    p.add_argument("--repeat", type=int, default=5, help=f"runs of each command (start-up: {STARTUP_ROUNDS}× this)")
    p.add_argument("--file", type=Path, help="the one-file start-up target (default claims/kuaishou.yaml)")
    p.add_argument("--quick", action="store_true", help="tiny sizes and one run each: checks that the script works")
    p.add_argument("--keep", type=Path, help="write the generated files here and keep them")
    args = p.parse_args(argv)
    if args.quick:
        args.sizes, args.files, args.claims_per_file, args.repeat = "30,120", 8, 10, 1
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    rounds = max(1, args.repeat)
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    tools = find_tools()

    with tempfile.TemporaryDirectory(prefix="claimcheck-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        # bytecode cached for every command alike, as after `pip install` (the first run writes it)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        file = args.file or DEFAULT_FILE
        if file.exists():
            shown = os.path.relpath(file, ROOT) if file.resolve().is_relative_to(ROOT) else str(file)
        else:
            file = work / "one_file_100.yaml"
            generate.write_file(str(file), 100)
            shown = "(a generated 100-claim file)"
        began, began_at, began_load = time.strftime("%Y-%m-%d"), time.time(), load()
        print(f"claimcheck benchmarks, {began}: {machine()}")
        print(f"medians of {rounds * (1 if args.quick else STARTUP_ROUNDS)} runs (start-up) and {rounds} runs "
              f"(scale, breadth); each run a fresh process, "
              f"bytecode cached as after pip install\n", flush=True)
        start_table, start = startup(tools, file, shown, rounds * (1 if args.quick else STARTUP_ROUNDS), env)
        print(start_table + "\n", flush=True)
        scale_table, sized = scale(tools, sizes, rounds, work, env)
        print(scale_table + "\n", flush=True)
        wide_table, wide = breadth(tools, args.files, args.claims_per_file, args.jobs, rounds, work, env)
        print(wide_table + "\n")
        for line in goals(start, sized, wide, args.jobs):
            print(line)
        print(f"\n{load()} at the end, {began_load} at the start; {time.time() - began_at:,.0f} s in all")
        crashed = [r for group in (start, wide, *sized.values()) for r in group.values() if r.stderr]
        for r in crashed:
            print(f"\nfailed: {' '.join(r.argv)}\n{r.stderr.strip()[-2000:]}", file=sys.stderr)
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
