"""The layer order of .importlinter holds, and it bites: an import up the layers fails the build."""
import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("glocal", "localization", "calendars")


def lint_imports(root):
    """Run `lint-imports` with the project's contract on the packages under ``root``."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(ROOT / ".importlinter")],
        cwd=root, env={**os.environ, "PYTHONPATH": str(root)}, capture_output=True, text=True, timeout=120,
    )


@pytest.fixture
def copy_of_the_code(tmp_path):
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "static"))
    return tmp_path


def test_the_code_keeps_the_layer_order():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_models_importing_scheduling_inside_a_function_breaks_the_contract(copy_of_the_code):
    models = copy_of_the_code / "localization" / "models.py"
    models.write_text(models.read_text() + "\n\ndef _lazy():\n    from localization import scheduling\n\n    return scheduling\n")
    result = lint_imports(copy_of_the_code)
    assert result.returncode == 1
    assert "localization.models -> localization.scheduling" in result.stdout
    assert "Inside localization, imports point down the layers BROKEN" in result.stdout


def test_calendars_importing_localization_breaks_the_contract(copy_of_the_code):
    month = copy_of_the_code / "calendars" / "month.py"
    month.write_text(month.read_text() + "\n\ndef _lazy():\n    from localization import review\n\n    return review\n")
    result = lint_imports(copy_of_the_code)
    assert result.returncode == 1
    assert "calendars.month -> localization.review" in result.stdout


def test_a_new_module_outside_every_layer_breaks_the_contract(copy_of_the_code):
    (copy_of_the_code / "localization" / "shortcuts.py").write_text('"""Somewhere new."""\n')
    result = lint_imports(copy_of_the_code)
    assert result.returncode == 1
    assert "localization.shortcuts" in result.stdout


def _imports_inside_functions(path):
    lines = path.read_text().splitlines()
    tree = ast.parse("\n".join(lines))
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(function):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    yield node.lineno, lines


def test_no_import_inside_a_function_in_localization_without_a_comment_saying_why():
    unexplained = []
    for path in sorted((ROOT / "localization").rglob("*.py")):
        for lineno, lines in _imports_inside_functions(path):
            # A comment on the line, or on the lines just above it, says why it cannot sit at the top.
            above = lines[max(0, lineno - 4):lineno - 1]
            if "#" not in lines[lineno - 1] and not any(line.strip().startswith("#") for line in above):
                unexplained.append(f"{path.relative_to(ROOT)}:{lineno}: {lines[lineno - 1].strip()}")
    assert unexplained == []
