"""Writes RELIABILITY.md: each fault and hostile-input class the suite tries, how many cases, what was lost, and the
command that reruns it. The counts come from pytest itself (the cases it collects for each class's selection, and
what each Hypothesis test is set to generate), the results from running them, the load figures from
bench/results.md: nothing in the table is typed in.

    .venv/bin/python scripts/reliability.py            # count the cases (collect only) and write RELIABILITY.md
    .venv/bin/python scripts/reliability.py --run      # run every class too, and write what the run found
    .venv/bin/python scripts/reliability.py --run redis lost-database   # run some classes, print, write nothing

Runs as scripts/test.sh does: on PostgreSQL when TEST_POSTGRES_URL answers (a database of this run's own), with
Redis at TEST_REDIS_URL; tests whose service is missing skip and are counted as skipped.

This module is also the pytest plugin the runs load (-p reliability): with RELIABILITY_DUMP set, it writes each
collected case (with its Hypothesis examples) and each outcome there as JSON lines.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"

# Each class: what is tried, what the assertions hold (so what was lost: nothing, when they pass), and the pytest
# selection that is its cases (files, "file::test", and -k expressions, exactly as pytest takes them).
CLASSES = [
    {
        "key": "killed-exports",
        "title": "A process killed (SIGKILL) in the middle of an export",
        "tried": "`export_bundle` killed once its zip is staged, just before and just after the rename; a join killed between "
                 "its commit and the move; a worker killed while writing; a killed run's staged file beside a live one's",
        "held": "no bundle stands at its path without its copy published; a rerun or redelivery writes the same bytes and "
                "leaves no staged file",
        "selections": [
            ["tests/localization/test_export_all_or_nothing.py", "-k", "killed"],
            ["tests/localization/test_export_worker.py"],
            ["tests/localization/test_export_jobs.py", "-k", "killed or delivered_again"],
            ["tests/localization/test_export_command.py", "-k", "killed"],
        ],
    },
    {
        "key": "killed-senders",
        "title": "A reminder sender killed, paused past its lease, or interrupted mid-batch",
        "tried": "a Celery worker SIGKILLed mid-batch (its task handed back by Redis, or left to the next run), a sender "
                 "paused past its lease while another runs, Ctrl-C while the mail server takes an e-mail",
        "held": "no reminder left unsent; at most one sent twice per death, under the same Message-ID; the next run says "
                "what the dead one still holds",
        "selections": [
            ["tests/localization/test_reminders_worker.py", "-k", "kill and not redis"],
            ["tests/localization/test_reminders_once.py", "-k", "paused or failed_run or killed or holds"],
        ],
    },
    {
        "key": "redis",
        "title": "Redis down, or restarted and its messages lost",
        "tried": "an export asked for while the test's own Redis is down; Redis killed and restarted while an export's "
                 "tasks wait in it; a reminder worker killed together with its Redis; the sweeper's resends and give-up",
        "held": "the export is sent once Redis is back, or sent again, and ends done with the bytes the command writes; "
                "reminders: none unsent, at most one twice",
        "selections": [
            ["tests/localization/test_export_recovery.py"],
            ["tests/localization/test_reminders_worker.py", "-k", "with_its_redis"],
            ["tests/localization/test_export_jobs.py", "-k", "sweeper"],
        ],
    },
    {
        "key": "lost-database",
        "title": "The database connection cut, or the database gone, mid-run",
        "tried": "PostgreSQL's pg_terminate_backend on `export_bundle` while it waits to publish; on `send_reminders` "
                 "between the mail server's acceptance and the mark, once with the database refusing new connections",
        "held": "exit 1 with a message saying what was done and what is left, no file, no traceback; a cut repeats "
                "nothing; a database gone repeats at most the one reminder in flight, same Message-ID",
        "selections": [
            ["tests/localization/test_export_all_or_nothing.py", "-k", "lost_database"],
            ["tests/localization/test_reminders_postgres.py", "-k", "connection_cut or database_gone"],
        ],
    },
    {
        "key": "concurrency",
        "title": "The same thing at the same moment",
        "tried": "two people saving one version of a variant (threads on PostgreSQL); two schedulers; two senders; two "
                 "workers and a duplicated task delivery; a beat tick catching up on a three-day outage",
        "held": "one save wins and the other is told who changed the copy, nothing overwritten; each market opens once; "
                "each reminder goes once",
        "selections": [
            ["tests/localization/test_concurrent_saves.py"],
            ["tests/localization/test_reminders_postgres.py", "-k", "two_"],
            ["tests/localization/test_reminders_worker.py", "-k", "two_workers or outage"],
        ],
    },
    {
        "key": "damaged-rows",
        "title": "Rows damaged past validation (raw SQL, a restore, an old bug)",
        "tried": "a million-day milestone, a date past any calendar, a date no arithmetic can hold, a damaged offer, "
                 "control characters in a campaign's name",
        "held": "the board, campaign page, feeds, scheduler and sender go on for every other row; the bad one is logged "
                "with its id, skipped, and shown to managers to mend",
        "selections": [
            ["tests/localization/test_one_bad_row.py"],
            ["tests/localization/test_names_one_line.py", "-k", "damaged"],
        ],
    },
    {
        "key": "out-of-range",
        "title": "Out-of-range ids and values",
        "tried": "an id past any database's integers in every list filter and object URL; a million days of lead time or "
                 "milestones, offer dates of year 9999, in services and admin forms",
        "held": "an empty list or not found, never a server error; the value refused, what was saved kept",
        "selections": [
            ["tests/test_out_of_range_ids.py"],
            ["tests/localization/test_bounds.py"],
        ],
    },
    {
        "key": "permissions",
        "title": "Every URL and admin action as every role",
        "tried": "every URL of the URL configuration (object URLs with real ids) × every role × GET and POST, every admin "
                 "action × every role, another market's objects, self-assignment and approval without a reviewer",
        "held": "each answer is the table's; another market's object answers exactly like a missing one and shows "
                "nothing of it; a refused action changes nothing",
        "selections": [
            ["tests/hostile/test_permission_matrix.py"],
            ["tests/localization/test_admin_refusals.py"],
            ["tests/localization/test_review_cannot_be_bypassed.py"],
        ],
    },
    {
        "key": "generated-input",
        "title": "Hostile input generated by Hypothesis",
        "tried": "every `@given` test in tests/, found by pytest: arbitrary text, markup and placeholders through the "
                 "checks, the glossary matcher, the landing-page renderer, the date rules, and what tests/hostile feeds the app",
        "held": "each test's property holds for every generated example (no crash, nothing unescaped, no wrong match)",
        "hypothesis": True,
    },
    {
        "key": "hostile-other",
        "title": "Other hostile tests (tests/hostile/)",
        "tried": "the tests of tests/hostile/ that neither the permission matrix nor Hypothesis covers",
        "held": "as each test asserts",
        "rest_of": "tests/hostile",
    },
]


# The pytest plugin ------------------------------------------------------------------------------------------------

def _dump(record):
    with open(os.environ["RELIABILITY_DUMP"], "a", encoding="utf-8") as out:
        out.write(json.dumps(record) + "\n")


def pytest_collection_finish(session):
    if not os.environ.get("RELIABILITY_DUMP"):
        return
    for item in session.items:  # as selected: after -k and the rest have deselected theirs
        function = getattr(item, "obj", None)
        hypothesis_settings = getattr(function, "_hypothesis_internal_use_settings", None)
        record = {"kind": "case", "nodeid": item.nodeid,
                  "examples": hypothesis_settings.max_examples if getattr(function, "is_hypothesis_test", False) else None}
        module = getattr(item, "module", None)
        if module is not None and hasattr(module, "URLS") and hasattr(module, "ACTIONS") and hasattr(module, "ROLES"):
            record["table"] = {"urls": len(module.URLS), "actions": len(module.ACTIONS), "roles": len(module.ROLES)}
        _dump(record)


def pytest_runtest_logreport(report):
    if not os.environ.get("RELIABILITY_DUMP"):
        return
    if report.when == "call" or report.outcome != "passed":  # a setup or teardown that failed or skipped counts too
        _dump({"kind": "outcome", "nodeid": report.nodeid, "when": report.when, "outcome": report.outcome,
               "seconds": round(report.duration, 2)})


# Running pytest -------------------------------------------------------------------------------------------------

def environment():
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'scripts'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    env.setdefault("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    env.setdefault("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    env.setdefault("DJANGO_SECRET_KEY", "glocal-tests-only")
    try:
        import psycopg

        psycopg.connect(env["TEST_POSTGRES_URL"], connect_timeout=3).close()
        env["DATABASE_URL"] = env["TEST_POSTGRES_URL"].rsplit("/", 1)[0] + f"/glocal_reliability_{os.getpid()}"
        database = "PostgreSQL"
    except Exception:  # noqa: BLE001 - not answering, for whatever reason: SQLite, and the PostgreSQL tests skip
        env.pop("DATABASE_URL", None)
        database = "SQLite (PostgreSQL did not answer: its tests skip)"
    return env, database


def records_of_pytest(arguments, env, *, run):
    with tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False) as dump:
        path = dump.name
    command = [str(PYTHON), "-m", "pytest", "-p", "reliability", "-q", "-p", "no:cacheprovider", *arguments]
    if not run:
        command.insert(command.index("-q"), "--collect-only")
    finished = subprocess.run(command, cwd=ROOT, env={**env, "RELIABILITY_DUMP": path}, capture_output=True, text=True)
    records = [json.loads(line) for line in Path(path).read_text().splitlines()]
    os.unlink(path)
    if finished.returncode not in (0, 1, 5):  # 1: some failed (reported); 5: nothing selected
        raise SystemExit(f"pytest {' '.join(arguments)} stopped ({finished.returncode}):\n{finished.stdout[-3000:]}{finished.stderr[-3000:]}")
    return records, finished.stdout


def command_line(selection):
    return "bash scripts/test.sh " + " ".join(f'"{part}"' if " " in part else part for part in selection)


def plural(count, noun):
    return f"{count} {noun}{'' if count == 1 else 's'}"


def resolve(classes, env):
    """Each class's cases, collected by pytest: the fixed selections one by one, the found ones from the whole suite."""
    everything, _ = records_of_pytest(["tests"], env, run=False)
    cases = {record["nodeid"]: record for record in everything}
    claimed = set()
    for each in classes:
        if "selections" in each:
            each["cases"] = []
            for selection in each["selections"]:
                records, _ = records_of_pytest(selection, env, run=False)
                each["cases"] += [cases.get(record["nodeid"], record) for record in records]
            each["commands"] = [command_line(selection) for selection in each["selections"]]
            claimed |= {case["nodeid"] for case in each["cases"]}
    for each in classes:
        if each.get("hypothesis"):
            each["cases"] = [case for case in everything if case["examples"]]
            claimed |= {case["nodeid"] for case in each["cases"]}
    for each in classes:
        if each.get("rest_of"):
            each["cases"] = [case for case in everything if case["nodeid"].startswith(each["rest_of"] + "/") and case["nodeid"] not in claimed]
    for each in classes:
        if "commands" not in each:
            files = sorted({case["nodeid"].split("::")[0] for case in each["cases"]})
            each["commands"] = [f".venv/bin/python scripts/reliability.py --run {each['key']}  ({plural(len(each['cases']), 'case')} in {plural(len(files), 'file')})"]
    return [each for each in classes if each["cases"]]


def run_class(each, env):
    started = time.monotonic()
    records, output = records_of_pytest([case["nodeid"] for case in each["cases"]], env, run=True)
    outcomes = {}
    for record in records:
        if record["kind"] == "outcome":
            previous = outcomes.get(record["nodeid"])
            if previous != "failed":  # a failure in setup, call or teardown is the case's outcome
                outcomes[record["nodeid"]] = record["outcome"]
    counts = {name: sum(1 for outcome in outcomes.values() if outcome == name) for name in ("passed", "failed", "skipped")}
    counts["seconds"] = round(time.monotonic() - started)
    counts["failures"] = [nodeid for nodeid, outcome in outcomes.items() if outcome == "failed"]
    counts["tail"] = output.strip().splitlines()[-1] if output.strip() else ""
    return counts


# RELIABILITY.md -------------------------------------------------------------------------------------------------

def load_figures():
    """The load bench's figures from the last `make bench` (bench/results.md's table)."""
    path = ROOT / "bench" / "results.md"
    if not path.exists():
        return None
    text = path.read_text()
    rows = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if len(cells) == 5 and cells[0] == "load":
            rows[cells[1]] = cells[2:]
    written = re.search(r"on (\S+)\. Every figure", text)
    return {"rows": rows, "written": written.group(1) if written else "?"} if rows else None


def cases_cell(each):
    count = len(each["cases"])
    examples = sum(case["examples"] or 0 for case in each["cases"])
    tables = {json.dumps(case["table"], sort_keys=True) for case in each["cases"] if case.get("table")}
    text = plural(count, "test case")
    if examples:
        text += f", up to {examples:,} generated examples a run"
    for table in map(json.loads, tables):
        text += (f"; the matrix: {table['urls']} URLs × {table['roles']} roles × GET and POST, "
                 f"{table['actions']} actions × {table['roles']} roles")
    return text


def lost_cell(each, result):
    if result is None:
        return "not run here (collected only): run with `--run`"
    if result["failed"]:
        return f"**{result['failed']} FAILED**: {', '.join(result['failures'][:5])}"
    skipped = f"; {result['skipped']} skipped (a service missing)" if result["skipped"] else ""
    return f"nothing: {result['passed']} passed{skipped}, {result['seconds']} s. Held: {each['held']}"


def write(classes, results, database, out):
    load = load_figures()
    ran = any(results.values())
    lines = [
        "# Reliability",
        "",
        "Each fault and hostile-input class the suite tries, how many cases, what was lost, and the command that reruns it.",
        f"Written by `.venv/bin/python scripts/reliability.py{' --run' if ran else ''}` on "
        f"{datetime.now(timezone.utc).isoformat(timespec='seconds')}, on {database}: the counts are what pytest collected for "
        "each class's selection (and what each Hypothesis test is set to generate), "
        + ("the results what that run found; " if ran else "not run (run with `--run` for the results); ")
        + "the load figures are bench/results.md's. Nothing in the tables is typed in; run the script again to replace them.",
        "",
        "| class | what is tried | cases | what was lost | rerun |",
        "| --- | --- | --- | --- | --- |",
    ]
    for each in classes:
        commands = "<br>".join(f"`{command}`" for command in each["commands"])
        lines.append(f"| {each['title']} | {each['tried']} | {cases_cell(each)} | {lost_cell(each, results.get(each['key']))} | {commands} |")
    if load:
        rows = load["rows"]

        def value(prefix):
            return next((cells for name, cells in rows.items() if name.startswith(prefix)), ["?", "—", "—"])

        accepted, concurrent, in_review = value("load: saves accepted")[0], value("load: saves refused, someone")[0], value("load: saves refused otherwise")[0]
        lost, errors = value("load: lost edits"), value("load: responses 500")
        lines.append(
            f"| Fifty people at once (bench) | 25 copywriters, 25 reviewers and a manager against gunicorn for a bounded run: lists, "
            f"variant pages, live checks, saves with the version shown, requests for changes, exports | {accepted} saves accepted, "
            f"{concurrent} refused because someone saved first, {in_review} refused as the copy went into review "
            f"(bench/results.md, {load['written']}) | lost edits: {lost[0]} (target {lost[1]}, {lost[2]}); responses of 500 or more: "
            f"{errors[0]} ({errors[2]}) | `.venv/bin/python bench/load.py` (or `make bench`) |"
        )
    lines += [
        "",
        "What \"lost\" means here: a save, decision, reminder or bundle that the system said it took and that is then missing, "
        "overwritten, sent to the wrong place or more than once beyond what the README promises (a reminder may go twice "
        "only when its sender dies between the mail server's acceptance and the mark, under the same Message-ID).",
        "",
        "Run the commands from the repository root: `bash scripts/test.sh` is what `make test` runs (PostgreSQL at "
        "TEST_POSTGRES_URL in a database of the run's own, Redis at TEST_REDIS_URL), given one class's selection. Cases "
        "that need a service the machine lacks skip and say so; under `CI=true` they fail instead.",
        "",
    ]
    out.write_text("\n".join(lines))


def main(arguments):
    run = "--run" in arguments
    chosen = [argument for argument in arguments if not argument.startswith("--")]
    unknown = set(chosen) - {each["key"] for each in CLASSES}
    if unknown:
        sys.exit(f"unknown class {', '.join(sorted(unknown))}; the classes are: {', '.join(each['key'] for each in CLASSES)}")
    env, database = environment()
    classes = resolve([dict(each) for each in CLASSES], env)
    results = {}
    for each in classes:
        if chosen and each["key"] not in chosen:
            continue
        print(f"{each['key']}: {cases_cell(each)}", flush=True)
        if run:
            results[each["key"]] = result = run_class(each, env)
            print(f"  {lost_cell(each, result)[:200]}  [{result['tail']}]", flush=True)
    if chosen:
        return 1 if any(result["failed"] for result in results.values()) else 0
    write(classes, results, database, ROOT / "RELIABILITY.md")
    print("Wrote RELIABILITY.md")
    return 1 if any(result["failed"] for result in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
