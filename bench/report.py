"""Writes bench/results.md from one `make bench` run: the machine, then every figure the scripts reported
(bench/figures.py), then everything each script printed. Nothing in it is typed in.

scripts/bench.sh calls it twice: `report.py --machine` (before the scripts run: the machine as found, as JSON on
stdout) and `report.py RUN_DIR OUT` (after: RUN_DIR holds machine.json and, per script, NAME.jsonl of figures,
NAME.out of its output, NAME.status of its exit code and seconds).
"""
import json
import os
import platform
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def first_line(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=10, cwd=ROOT).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return ""


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory():
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def load_average():
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def postgresql():
    url = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3) as connection:
            return "PostgreSQL " + connection.execute("SHOW server_version").fetchone()[0]
    except Exception as error:  # noqa: BLE001 - any reason it does not answer is said, and the benches use SQLite
        return f"does not answer at {url} ({type(error).__name__}): the benches ran on SQLite"


def machine():
    dirty = first_line(["git", "status", "--porcelain", "--untracked-files=no"])
    redis = shutil.which("redis-server")
    return {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model(),
        "memory": memory(),
        "load_before": load_average(),
        "os": f"{platform.system()} {platform.release()} ({first_line(['sh', '-c', '. /etc/os-release && echo $PRETTY_NAME']) or platform.platform()})",
        "python": platform.python_version(),
        "postgresql": postgresql(),
        "redis": first_line([redis, "--version"]) if redis else "redis-server is not installed",
        "commit": first_line(["git", "rev-parse", "--short", "HEAD"]) + (" with uncommitted changes" if dirty else ""),
        "quick": os.environ.get("BENCH_QUICK", "") not in ("", "0", "false"),
    }


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def report(run_dir, out):
    found = json.loads((run_dir / "machine.json").read_text())
    scripts = sorted(path.stem for path in run_dir.glob("*.status"))
    lines = [
        "# Bench results",
        "",
        f"Written by `make bench` (scripts/bench.sh, then bench/report.py) on {found['date']}. Every figure below is what the "
        "scripts reported in that run (`FIGURE` lines, bench/figures.py) and every line they printed follows; nothing is typed "
        "in. Run `make bench` again to replace it.",
        "",
        "Mode: " + ("**quick** (BENCH_QUICK=1: smaller sizes and a shorter load run, for development)" if found["quick"]
                    else "full (each script's own sizes)") + ".",
        "",
        "## The machine",
        "",
        "| | |",
        "| --- | --- |",
        f"| CPUs | {found['cpus']} × {cell(found['cpu_model'])} |",
        f"| memory | {found['memory']} |",
        f"| load average (1, 5, 15 min) as the run began | {found['load_before']} |",
        f"| load average as it ended | {load_average()} |",
        f"| system | {cell(found['os'])} |",
        f"| Python | {found['python']} |",
        f"| database | {cell(found['postgresql'])} |",
        f"| Redis | {cell(found['redis'])} |",
        f"| commit | {found['commit']} |",
        "",
        "The machine may be shared: a load average above the CPU count means other work ran beside the benches and slowed them.",
        "",
        "## Figures",
        "",
        "| script | figure | value | target | met |",
        "| --- | --- | --- | --- | --- |",
    ]
    failed, missed = [], 0
    for name in scripts:
        figures_file = run_dir / f"{name}.jsonl"
        rows = [json.loads(line) for line in figures_file.read_text().splitlines()] if figures_file.exists() else []
        code, seconds = (run_dir / f"{name}.status").read_text().split()
        if code != "0":
            failed.append(name)
        if not rows:
            lines.append(f"| {name} | (no figure reported; exit {code}) | — | — | — |")
        missed += sum(row["met"] == "NOT met" for row in rows)
        for row in rows:
            lines.append(f"| {name} | {cell(row['name'])} | {cell(row['value'])} | {cell(row['target'])} | {row['met']} |")
    lines += ["", f"Targets missed: {missed}. Scripts that exited with an error: {', '.join(failed) or 'none'}.", ""]
    lines += ["## What each script printed", ""]
    for name in scripts:
        code, seconds = (run_dir / f"{name}.status").read_text().split()
        output = (run_dir / f"{name}.out").read_text() if (run_dir / f"{name}.out").exists() else ""
        lines += [f"### bench/{name}.py (exit {code}, {seconds} s)", "", "```text", output.rstrip("\n"), "```", ""]
    out.write_text("\n".join(lines))
    return 0 if not failed else 1


if __name__ == "__main__":
    if sys.argv[1:] == ["--machine"]:
        print(json.dumps(machine()))
    elif len(sys.argv) == 3:
        sys.exit(report(Path(sys.argv[1]), Path(sys.argv[2])))
    else:
        sys.exit("usage: bench/report.py --machine | bench/report.py RUN_DIR OUT")
