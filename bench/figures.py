"""How a bench script reports a figure so that `make bench` can collect it: one line on stdout,

    FIGURE <name> | <value> | <target or —> | <met, NOT met or —>

and, when BENCH_FIGURES (a file path) is set, the same as a JSON line appended to that file, which
bench/report.py turns into bench/results.md. Scripts print their other lines as before.
"""
import json
import os


def figure(name, value, target="—", met=None):
    """Report one figure. ``met`` is True, False or None (no target)."""
    verdict = "—" if met is None else ("met" if met else "NOT met")
    print(f"FIGURE {name} | {value} | {target} | {verdict}", flush=True)
    path = os.environ.get("BENCH_FIGURES")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps({"name": name, "value": str(value), "target": str(target), "met": verdict}, ensure_ascii=False) + "\n")


def quick():
    """BENCH_QUICK=1: smaller sizes, for development runs."""
    return os.environ.get("BENCH_QUICK", "") not in ("", "0", "false")
