"""One bad row never stops the others.

Pages, feeds and periodic tasks take their rows one at a time under ``skipped_if_broken``: a row they cannot
handle (saved past validation, by raw SQL or an old bug) is logged with its id, kept as a RowProblem for the
people who can mend it, and skipped, and the rest goes on. ``breaking_rows`` finds such rows directly, by the
model's own validators, so managers see them before anything trips on them.
"""
import logging
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from .models import FIRST_YEAR, LAST_YEAR, validate_calendar_date, validate_one_line

logger = logging.getLogger("glocal.rows")

# What validate_one_line refuses, as a pattern the database matches (PostgreSQL and SQLite alike).
_LINE_BREAKERS = "[" + "".join(map(chr, [*range(1, 32), *range(127, 160), 0x2028, 0x2029])) + "]"


@dataclass(frozen=True)
class RowProblem:
    """A row that could not be handled: which (model label and id, its name), where, and what is wrong."""

    model: str  # "localization.campaign"
    pk: int
    name: str
    problem: str
    where: str = ""
    url: str = ""  # the admin page to mend it on

    def __str__(self):
        words = {"name": self.name, "id": self.pk, "problem": self.problem}
        if self.where:
            return _("%(name)s (id %(id)s) was skipped: %(problem)s") % words
        return _("%(name)s (id %(id)s): %(problem)s") % words


def problem_of(row, problem, *, where=""):
    return RowProblem(row._meta.label_lower, row.pk, _name_of(row), problem, where, _admin_url(row))


def _admin_url(row):
    """The row's admin page; a row edited inside another's page (a campaign's market, an occasion's
    observance) is mended on that page."""
    pages = [(row._meta, row.pk)]
    for parent in ("campaign", "occasion"):
        if getattr(row, f"{parent}_id", None):
            pages.append((row._meta.get_field(parent).related_model._meta, getattr(row, f"{parent}_id")))
    for meta, pk in pages:
        try:
            return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[pk])
        except NoReverseMatch:
            continue
    return ""


def _name_of(row):
    try:
        return str(row)
    except Exception:  # noqa: BLE001 - a row too broken to name is still named by its id
        return f"#{row.pk}"


@contextmanager
def skipped_if_broken(problems, row, *, where):
    """Run the block for one row; if it raises, log it with the row's id, add a RowProblem to ``problems``
    and go on with the next row. Put any transaction inside the block, so the failed row's is rolled back."""
    try:
        yield
    except Exception as error:  # noqa: BLE001 - whatever broke this row must not stop the others
        logger.exception("%s skipped %s %s: %s", where, row._meta.label_lower, row.pk, error)
        problems.append(problem_of(row, f"{type(error).__name__}: {error}", where=where))


def _bounds_query(model):
    """A query for the rows whose stored values break the bounds the model's fields validate."""
    query = Q(pk__in=[])
    checked = []
    for field in model._meta.concrete_fields:
        for validator in field.validators:
            name = field.attname
            if isinstance(validator, MaxValueValidator):
                query |= Q(**{f"{name}__gt": validator.limit_value})
            elif isinstance(validator, MinValueValidator):
                query |= Q(**{f"{name}__lt": validator.limit_value})
            elif validator is validate_calendar_date:
                query |= Q(**{f"{name}__lt": date(FIRST_YEAR, 1, 1)}) | Q(**{f"{name}__gt": date(LAST_YEAR, 12, 31)})
            elif validator is validate_one_line:
                query |= Q(**{f"{name}__regex": _LINE_BREAKERS})
            else:
                continue
            checked.append(field)
    return query, checked


def breaking_rows(model, *, limit=50):
    """[RowProblem] of the model's rows whose stored values break its fields' bounds (numbers, dates from 1900
    to 2100, one-line names), each said in the validator's own words. One query."""
    query, fields = _bounds_query(model)
    if not fields:
        return []
    found = []
    for row in model._default_manager.filter(query).order_by("pk")[:limit]:
        messages = []
        for field in fields:
            try:
                field.run_validators(getattr(row, field.attname))
            except ValidationError as error:
                messages.append(f"{field.verbose_name}: {' '.join(error.messages)}")
        found.append(problem_of(row, " ".join(messages)))
    return found
