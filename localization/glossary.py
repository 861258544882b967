"""The glossary as people exchange it: CSV export and import, and a starter glossary of known cases;
and what follows any change of it (``refresh_after_glossary_change``): the copy it touches re-checked,
approved copy it now faults made stale. It sits above ``quality`` and ``review`` and uses both.

A CSV has the columns ``locale,market,term,kind,suggestion,note`` (``market`` is an ISO 3166
code, or empty for every market of the locale). An import is all or nothing: every line is
checked first, and one bad line saves none of them. A dry run says what an import would do
and writes nothing. The export puts an apostrophe before a cell a spreadsheet would run as a
formula; the import takes it away again.
"""
import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from calendars.models import Market

from . import checks, quality, review
from .background import enqueue_on_commit
from .models import CopyVariant, GlossaryTerm, Review, State

COLUMNS = ("locale", "market", "term", "kind", "suggestion", "note")

# Excel writes ';' (or a tab) between cells where the decimal mark is a comma: de, pt-BR, es ...
_DELIMITERS = (",", ";", "\t")

# What a spreadsheet reads as the start of a formula (OWASP, CSV injection): a note written
# =HYPERLINK(...) would run when a colleague opens the export.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Kind = GlossaryTerm.Kind


class GlossaryImportError(ValidationError):
    """A CSV that cannot be imported; its messages name each bad line. Nothing was saved."""


@dataclass
class TermUpdate:
    """An existing term a line changes: the term with the line's suggestion and note, and what they were."""

    term: GlossaryTerm
    old_suggestion: str
    old_note: str

    @property
    def suggestion_changed(self):
        return self.old_suggestion != self.term.suggestion

    @property
    def note_changed(self):
        return self.old_note != self.term.note


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # The terms written (in a dry run: that would be), for the preview and the admin's history of each term.
    created_terms: list = field(default_factory=list, repr=False)
    updates: list[TermUpdate] = field(default_factory=list, repr=False)

    @property
    def updated_terms(self):
        return [update.term for update in self.updates]

    @property
    def changes(self):
        return self.created + self.updated

    @property
    def fingerprint(self) -> str:
        """What the import changes, in 64 hex digits: two runs that would write the same have the same."""
        created = [[*_key(term), term.suggestion, term.note] for term in self.created_terms]
        updated = [[*_key(u.term), u.old_suggestion, u.old_note, u.term.suggestion, u.term.note] for u in self.updates]
        return hashlib.sha256(json.dumps([created, updated]).encode()).hexdigest()

    def __str__(self):
        return _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


def recheck_approved_copy_later(*, user=None, terms=()):
    """After a glossary change commits, a worker brings the stored findings of the copy it touches
    up to date and sends approved copy it now faults back for review (it reads many variants, so
    not in the request). ``terms`` are the changed GlossaryTerm rows, named in the copy's history."""
    terms = list(terms)
    change = ", ".join(f"{term.term} ({term.locale}, {term.kind})" for term in terms[:5])
    if len(terms) > 5:
        change += _(" and %(count)d more") % {"count": len(terms) - 5}
    locales = sorted({term.locale for term in terms}) or None
    user_id = user.pk if user is not None else None
    enqueue_on_commit("localization.tasks.recheck_approved_copy", user_id=user_id, change=change, locales=locales)


def save_term(*, term, user=None):
    """Save one term (new or changed) and re-check the copy it applies to once it is committed."""
    with transaction.atomic():
        term.full_clean()
        term.save()
        recheck_approved_copy_later(user=user, terms=[term])
    return term


def delete_terms(*, terms, user=None):
    """Delete terms; the copy they faulted is re-checked (its findings clear) once committed."""
    terms = list(terms)
    with transaction.atomic():
        GlossaryTerm.objects.filter(pk__in=[term.pk for term in terms]).delete()
        recheck_approved_copy_later(user=user, terms=terms)
    return len(terms)


# After a change: the copy it touches re-checked -----------------------------------------------


def _language_filter(locales):
    """Variants whose copy a term of these locales applies to: de-DE for de-DE, every de-* for de."""
    query = Q()
    for tag in locales:
        query |= Q(locale=tag) if "-" in tag else Q(locale=tag) | Q(locale__startswith=f"{tag}-")
    return query


def refresh_after_glossary_change(*, user=None, change="", locales=None):
    """After a glossary change, every variant it touches gets its stored findings brought up to
    date, whatever its state, so no list shows ✓ for copy the glossary now faults. Approved or
    published copy with a new error, or a warning its approval did not acknowledge, turns stale;
    its history names the change (``change``: "bequem (de, caution)") and who made it.

    ``locales`` narrows the work to the variants the changed terms apply to (None: all).
    Only the glossary's checks run again; the other findings are kept as they were.
    Returns the variants made stale.
    """
    glossary = quality.current_glossary()
    glossary_codes = {check.code for check in checks.GLOSSARY_CHECKS}
    variants = CopyVariant.objects.select_related("campaign", "market").order_by("pk")
    if locales is not None:
        variants = variants.filter(_language_filter(locales))
    refreshed, faulted = [], []
    for variant in variants.iterator(chunk_size=500):
        copy = checks.CopyUnderCheck(
            locale=variant.locale,
            variant=variant.copy_fields(),
            source=variant.campaign.copy_fields(),
            source_locale=variant.campaign.source_locale,
            market=variant.market.code,
            glossary=glossary,
        )
        kept = [finding for finding in variant.findings or [] if finding.get("code") not in glossary_codes]
        found = [quality.stored(finding) for finding in checks.run_checks(copy, checks.GLOSSARY_CHECKS)]
        findings = sorted(kept + found, key=lambda finding: finding["severity"] != checks.Severity.ERROR)
        if findings != (variant.findings or []):
            variant.findings = findings
            refreshed.append(variant)
            if found and variant.state in (State.APPROVED, State.PUBLISHED):
                faulted.append((variant, found))
        if len(refreshed) >= 500:
            CopyVariant.objects.bulk_update(refreshed, ["findings"])
            refreshed = []
    CopyVariant.objects.bulk_update(refreshed, ["findings"])

    made_stale = []
    who = user.get_username() if user else _("someone")
    for variant, found in faulted:
        approval = variant.reviews.filter(action=Review.Action.APPROVE).order_by("-created_at", "-id").first()
        accepted = {finding["key"] for finding in (approval.acknowledged if approval else [])}
        new = quality.errors(found) + [finding for finding in quality.warnings(found) if finding["key"] not in accepted]
        if not new:
            continue
        note = _("Glossary change by %(user)s: %(change)s. Now found: %(findings)s") % {
            "user": who,
            "change": change or _("terms changed"),
            "findings": "; ".join(f"{checks.field_label(f['field'])}: {f['subject']} ({f['code']})" for f in new),
        }
        try:
            review.mark_stale(variant=variant, user=user, note=note, cause=review.Action.GLOSSARY_STALE)
        except review.WorkflowError:
            continue  # it left approved meanwhile (edited, or another re-check): nothing to do
        made_stale.append(variant)
    return made_stale


# Export -------------------------------------------------------------------------------------

def export_csv(queryset) -> str:
    """The terms as CSV text, header first, in a stable order (locale, market, term, kind)."""
    rows = queryset.order_by("locale", F("market__code").asc(nulls_first=True), "term", "kind", "pk").values_list(
        "locale", "market__code", "term", "kind", "suggestion", "note"
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, what spreadsheets expect
    writer.writerow(COLUMNS)
    for locale, market, term, kind, suggestion, note in rows:
        writer.writerow([_neutralize(cell) for cell in (locale, market or "", term, kind, suggestion, note)])
    return out.getvalue()


def _neutralize(cell):
    """The cell with an apostrophe before it if a spreadsheet would run it as a formula ("-50%" -> "'-50%").

    A cell that already starts with apostrophes and then such a character gets one more, so
    that the import, which takes exactly one away, gives back what was exported.
    """
    return "'" + cell if cell.lstrip("'").startswith(_FORMULA_STARTS) else cell


def _restore(cell):
    """The cell as it was before _neutralize: "'-50%" -> "-50%"; "'tis" stays as it is."""
    return cell[1:] if cell.startswith("'") and cell.lstrip("'").startswith(_FORMULA_STARTS) else cell


# Import -------------------------------------------------------------------------------------

def import_csv(text, *, user=None, dry_run=False, expected_fingerprint=None) -> ImportResult:
    """Create or update terms from CSV text (or the bytes of an upload); all or nothing.

    A row with the locale, market, term and kind of an existing term updates its suggestion
    and note; the same row again changes nothing. Raises GlossaryImportError naming every
    bad line, and PermissionDenied when ``user`` may not change the glossary.

    With ``dry_run`` nothing is written: the result says what the import would do. Given the
    ``fingerprint`` of such a preview as ``expected_fingerprint``, the import writes only if it
    would still do exactly that, and otherwise raises GlossaryImportError (code "changed"):
    someone changed the glossary since the preview.
    """
    if user is not None and not (
        user.has_perm("localization.add_glossaryterm") and user.has_perm("localization.change_glossaryterm")
    ):
        raise PermissionDenied(_("Only campaign managers and administrators change the glossary; ask one to import it."))
    header, rows = _read_rows(_decode(text))
    markets = Market.objects.in_bulk(field_name="code")
    errors, terms, first_line_of = [], [], {}
    for line, cells in rows:
        if len(cells) != len(header):
            problems = [
                _("It has %(cells)d cells but the header has %(columns)d; put double quotes around a cell that contains a comma.")
                % {"cells": len(cells), "columns": len(header)}
            ]
        else:
            term, problems = _term_from_row(dict(zip(header, cells)), markets)
        if not problems:
            key = _key(term)
            if key in first_line_of:
                problems = [
                    _("Same locale, market, term and kind as line %(line)d; keep one of them.") % {"line": first_line_of[key]}
                ]
            else:
                first_line_of[key] = line
                terms.append(term)
        errors.extend(_("Line %(line)d: %(problem)s") % {"line": line, "problem": problem} for problem in problems)
    if errors:
        raise GlossaryImportError(errors)
    if not terms:
        raise GlossaryImportError(_("The file has a header but no terms; add one term per line below it."), code="empty")
    return _save(terms, dry_run=dry_run, expected_fingerprint=expected_fingerprint, user=user)


@transaction.atomic
def _save(terms, *, dry_run, expected_fingerprint, user=None):
    """Sort the terms into created, updated and unchanged against the table; then, unless a dry run, write them."""
    existing = GlossaryTerm.objects.select_related("market").filter(locale__in={term.locale for term in terms})
    if not dry_run:
        existing = existing.select_for_update(of=("self",))
    existing = {_key(term): term for term in existing}
    result = ImportResult()
    for term in terms:
        current = existing.get(_key(term))
        if current is None:
            result.created_terms.append(term)
            continue
        old_suggestion, old_note = _lines(current.suggestion), _lines(current.note)
        if (old_suggestion, old_note) == (term.suggestion, term.note):
            result.unchanged += 1
        else:
            current.suggestion, current.note = term.suggestion, term.note
            result.updates.append(TermUpdate(current, old_suggestion, old_note))
    result.created, result.updated = len(result.created_terms), len(result.updates)
    if dry_run:
        return result
    if expected_fingerprint is not None and result.fingerprint != expected_fingerprint:
        raise GlossaryImportError(
            _("The glossary changed since the preview, so the file would now change other terms than it showed; "
              "nothing was imported. Check what it would change now."),
            code="changed",
        )
    for term in result.created_terms:
        term.save()
    for term in result.updated_terms:
        # save(), not a bulk update: updated_at must move, it tells the checks the glossary changed.
        term.save(update_fields=["suggestion", "note", "updated_at"])
    if result.changes:
        recheck_approved_copy_later(user=user, terms=[*result.created_terms, *result.updated_terms])
    return result


def _decode(data) -> str:
    if isinstance(data, (bytes, bytearray)):
        try:
            data = bytes(data).decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            raise GlossaryImportError(
                _("Line %(line)d is not UTF-8 text; save the file as CSV UTF-8 (in Excel: Save as, CSV UTF-8) and import it again.")
                % {"line": line},
                code="not_utf8",
            ) from None
    if "\x00" in data:
        raise GlossaryImportError(
            _("The file has NUL characters, so it is not CSV text (a UTF-16 or spreadsheet file?); save it as CSV UTF-8."),
            code="not_text",
        )
    return data.removeprefix("\ufeff")  # the byte order mark Excel writes first


def _read_rows(text):
    """The header's column names, and the data rows as (line number, cells); blank lines are skipped."""
    header_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header, rows, line = None, [], 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = _check_header(cells, start)
                continue
            cells = [_lines(_restore(cell.strip())) for cell in cells]
            while len(cells) > len(header) and not cells[-1]:
                cells.pop()  # empty cells a spreadsheet left at the end
            rows.append((start, cells))
    except csv.Error as error:
        raise GlossaryImportError(
            _("Line %(line)d cannot be read as CSV (%(reason)s); check that its double quotes are closed.")
            % {"line": line, "reason": error},
            code="bad_csv",
        ) from None
    if header is None:
        raise GlossaryImportError(
            _("The file is empty; its first line must be the header %(header)s.") % {"header": ",".join(COLUMNS)},
            code="empty",
        )
    return header, rows


def _check_header(cells, line):
    names = [cell.strip().lower() for cell in cells]
    missing = [name for name in COLUMNS if name not in names]
    unknown = [name for name in names if name not in COLUMNS]
    repeated = sorted({name for name in names if names.count(name) > 1})
    problems = []
    if missing:
        problems.append(_("it lacks %(names)s") % {"names": ", ".join(missing)})
    if unknown:
        problems.append(_("%(names)s is not a column") % {"names": ", ".join(f"'{name}'" for name in unknown)})
    if repeated:
        problems.append(_("%(names)s comes twice") % {"names": ", ".join(repeated)})
    if problems:
        raise GlossaryImportError(
            _("Line %(line)d is the header, and %(problems)s; the first line must be %(header)s.")
            % {"line": line, "problems": "; ".join(problems), "header": ",".join(COLUMNS)},
            code="bad_header",
        )
    return names


def _term_from_row(cells, markets):
    """The unsaved term a row describes, and what is wrong with it (nothing: an empty list)."""
    problems = []
    code = cells["market"].upper()
    market = markets.get(code) if code else None
    if code and market is None:
        problems.append(
            _("Market '%(code)s' is not a known market; use an ISO 3166 code such as BR, or leave it empty for every market of the locale.")
            % {"code": cells["market"]}
        )
    term = GlossaryTerm(
        locale=cells["locale"],
        market=market,
        term=cells["term"],
        kind=cells["kind"].lower(),
        suggestion=cells["suggestion"],
        note=cells["note"],
    )
    # The market is looked up already. Uniqueness is judged by _key, against the file and the
    # table: the database lets locale-wide rows (no market) repeat.
    failed = set()
    try:
        term.clean_fields(exclude=["market"])
    except ValidationError as error:
        failed = set(error.error_dict)
        problems.extend(_field_problems(error, cells))
    try:
        term.clean()  # the model's own rules, whose messages say what they are about
    except ValidationError as error:
        found = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
        problems.extend(
            message for name, errors in found.items() if name not in failed for e in errors for message in e
        )
    return term, problems


def _field_problems(error, cells):
    """Django's field errors ("This field cannot be blank.") in the words of the CSV's columns."""
    empty = {
        "locale": _("The locale is empty; write the BCP 47 tag of the copy, such as pt-BR."),
        "term": _("The term is empty; write the word or phrase the entry is about."),
        "kind": _("The kind is empty; write preferred, caution or forbidden."),
        "note": _("The note is empty; say why: the cultural reason copywriters and reviewers will read."),
    }
    problems = []
    for name, field_errors in error.error_dict.items():
        if name in empty and any(e.code == "blank" for e in field_errors):
            problems.append(empty[name])
        elif name == "kind":
            problems.append(_("Kind '%(kind)s' is not a kind; write preferred, caution or forbidden.") % {"kind": cells["kind"]})
        elif name == "locale":
            problems.extend(message for e in field_errors for message in e)  # "Locale 'pt_XX' is not ..."
        else:
            problems.extend(
                _("Column %(column)s: %(message)s") % {"column": name, "message": message} for e in field_errors for message in e
            )
    return problems


def _key(term):
    return (term.locale, term.market_id, term.term, str(term.kind))


def _lines(text):
    """Line ends as one '\\n', so a note saved from a browser (CRLF) equals the same note from a file."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# The starter glossary -----------------------------------------------------------------------

class StarterEntry(NamedTuple):
    """One known case; each of ``terms`` becomes a glossary term (the matcher finds whole
    words, so the inflected forms a copywriter may write are listed too)."""

    locale: str
    market: str  # ISO 3166 code, or "" for every market of the locale
    kind: str
    terms: tuple
    suggestion: str
    note: str


STARTER_GLOSSARY = (
    # German: the home brand that lost sales by calling its sofas "lazy".
    StarterEntry(
        "de", "", Kind.PREFERRED, ("comfortable",), "gemütlich",
        "For home products (sofas, cushions, throws) write \"gemütlich\": cosy, inviting. A German home brand lost "
        "about 40% of its sales after rendering \"comfortable\" as \"bequem\", which said of people or a home reads "
        "as lazy or convenience-seeking. For shoes and clothing \"bequem\" is the usual word",
    ),
    StarterEntry(
        "de", "", Kind.CAUTION, ("bequem", "bequeme", "bequemen", "bequemer", "bequemes"), "gemütlich",
        "Right for shoes and clothes, but said of people or a home it reads as lazy or convenience-seeking; a home "
        "brand that used it for \"comfortable\" lost about 40% of its German sales. For home products write "
        "\"gemütlich\"",
    ),
    # The Gulf: modesty in apparel. An apparel brand had to pull off-shoulder pieces from a Middle-East launch.
    *(
        entry
        for locale, market in (("ar-SA", "SA"), ("ar-AE", "AE"))
        for entry in (
            StarterEntry(
                locale, market, Kind.FORBIDDEN, ("سكسي",), "أنيقة",
                "\"Sexy\" spelled in Arabic: sexual wording breaks the modesty Gulf shoppers and the media "
                "regulator expect. Describe the cut, the fabric or the occasion instead",
            ),
            StarterEntry(
                locale, market, Kind.CAUTION, ("مثيرة", "مثير"), "",
                "Means \"exciting\" of an offer (عروض مثيرة) but \"provocative, sexy\" of a woman or a garment. "
                "Fine for offers; for clothing and models Gulf shoppers expect modest words such as أنيقة (elegant)",
            ),
            StarterEntry(
                locale, market, Kind.CAUTION, ("أكتاف مكشوفة", "كتف مكشوف"), "",
                "Off-shoulder (bare shoulders): an apparel brand had to pull off-shoulder products from a Middle-East "
                "launch. Gulf shoppers expect covered shoulders in campaign imagery and copy; show the piece layered "
                "or feature another",
            ),
        )
    ),
    StarterEntry(
        "ar-SA", "SA", Kind.FORBIDDEN, ("بيكيني",), "ملابس سباحة محتشمة",
        "Bikinis are not shown or named in Saudi campaigns; modest swimwear (burkini, full-cover swimsuits) is "
        "what sells and what the regulator accepts",
    ),
    StarterEntry(
        "ar-AE", "AE", Kind.CAUTION, ("بيكيني",), "ملابس سباحة",
        "Beachwear sells in the UAE, but campaign copy for the whole market stays modest: keep bikinis to the "
        "swimwear pages and out of headlines and banners",
    ),
    StarterEntry(
        "en-AE", "AE", Kind.CAUTION, ("sexy",), "elegant",
        "English copy in the UAE is read by Emirati and other Gulf shoppers too; sexual wording breaks modesty "
        "norms and the UAE's advertising standards. Describe the cut, fabric or occasion",
    ),
    StarterEntry(
        "en-AE", "AE", Kind.CAUTION, ("off-shoulder", "off the shoulder"), "",
        "An apparel brand had to pull off-shoulder products from a Middle-East launch; Gulf shoppers expect "
        "covered shoulders. Show the piece layered or feature another",
    ),
    StarterEntry(
        "en-AE", "AE", Kind.CAUTION, ("bikini", "bikinis"), "swimwear",
        "Keep bikinis to the swimwear pages, out of headlines and banners: campaign copy for the whole market "
        "stays modest",
    ),
    # Brazil
    StarterEntry(
        "pt-BR", "", Kind.PREFERRED, ("Valentine's Day", "Valentine’s Day"), "Dia dos Namorados",
        "Brazil celebrates couples on 12 June, the eve of Saint Anthony's day, not on 14 February, which falls "
        "around Carnival. \"Dia de São Valentim\" reads as a foreign holiday",
    ),
    StarterEntry(
        "pt-BR", "", Kind.FORBIDDEN, ("rapariga", "raparigas"), "moça",
        "A girl in Portugal, but in much of Brazil a vulgar word for a prostitute: copy adapted from European "
        "Portuguese must not keep it. Write \"moça\" or \"garota\"",
    ),
    # Mexico and Argentina
    *(
        StarterEntry(
            locale, "", Kind.CAUTION, ("coger", "coge", "cógelo"), "tomar",
            "Vulgar in Mexico and Argentina, where it means to have sex; copy written in Spain uses it for "
            "\"take\" or \"catch\". Write \"tomar\" or \"agarrar\"",
        )
        for locale in ("es-MX", "es-AR")
    ),
    StarterEntry(
        "es-MX", "", Kind.CAUTION, ("chaqueta", "chaquetas"), "chamarra",
        "In Mexico \"chaqueta\" is also slang for masturbation and invites jokes; Mexican storefronts call a "
        "jacket \"chamarra\"",
    ),
    # India
    StarterEntry(
        "hi-IN", "", Kind.CAUTION, ("गोमांस", "बीफ़", "बीफ"), "",
        "Beef: the cow is sacred to many Hindus and most Indian states ban or restrict cow slaughter. Never "
        "promote it; check whether the product is really beef (buffalo meat is another product)",
    ),
    StarterEntry(
        "en-IN", "IN", Kind.CAUTION, ("beef",), "",
        "The cow is sacred to many Hindus and most Indian states ban or restrict cow slaughter; leather and food "
        "copy that names beef offends. Check what the product is made of and say it plainly",
    ),
    # Japan
    StarterEntry(
        "ja-JP", "", Kind.CAUTION, ("4個セット", "４個セット", "4点セット", "４点セット"), "3個セット",
        "Four (shi) sounds like death (死), so gift sets of four are avoided, as nine (ku, suffering) is. Sets of "
        "3 or 5 read well",
    ),
    # China
    StarterEntry(
        "zh-CN", "", Kind.FORBIDDEN, ("送钟",), "",
        "\"Giving a clock\" (sòng zhōng) sounds like 送终, attending a dying relative's last moments: a clock as a "
        "gift wishes death. Sell clocks, but never as gifts; for gift copy choose another product",
    ),
    StarterEntry(
        "zh-CN", "", Kind.CAUTION, ("绿帽", "绿帽子"), "",
        "A green hat (戴绿帽子) says a man's partner is unfaithful; green hats in copy or images become the joke. "
        "Choose another colour or item",
    ),
    StarterEntry(
        "zh-CN", "", Kind.CAUTION, ("送伞",), "",
        "Umbrella (伞 sǎn) sounds like 散, to break up: a poor gift between lovers. Fine to sell umbrellas; keep "
        "them out of Qixi and Valentine's gift copy",
    ),
    # Indonesia
    StarterEntry(
        "id-ID", "", Kind.CAUTION, ("babi",), "",
        "Pork: haram for the Muslim majority (about 87% of Indonesians). Indonesian law requires non-halal products "
        "to say so plainly; never use it in Ramadan or Lebaran copy, in food gift sets, or as a joke",
    ),
    StarterEntry(
        "id-ID", "", Kind.CAUTION, ("anjing",), "",
        "Dog: also one of the commonest Indonesian insults, and many Muslim shoppers hold dogs unclean. Fine for "
        "pet products in context, never in slogans",
    ),
    # France
    StarterEntry(
        "fr-FR", "", Kind.CAUTION, ("deal", "deals"), "bon plan",
        "The Toubon law requires advertising in France to be in French: an English word must come with a French "
        "translation as legible as it. \"Bon plan\" says the same",
    ),
    # Britain
    StarterEntry(
        "en-GB", "", Kind.CAUTION, ("pants",), "trousers",
        "In Britain pants are underwear; US copy reused in the UK sells the wrong garment. Write \"trousers\"",
    ),
    # Thailand
    StarterEntry(
        "th-TH", "", Kind.CAUTION, ("พระพุทธรูป",), "",
        "Buddha images are sacred in Thailand: using them as decoration, on products or in sale copy offends, "
        "and taking them out of the country is restricted. Keep them out of discount and party imagery",
    ),
)


@transaction.atomic
def load_starter_glossary() -> int:
    """Create the starter glossary's terms that are missing; returns how many were created.

    Terms people edited keep their edits; an entry for a market that does not exist here is
    skipped. Re-running it creates nothing new.
    """
    markets = Market.objects.in_bulk(field_name="code")
    existing = {_key(term) for term in GlossaryTerm.objects.all()}
    created = 0
    for entry in STARTER_GLOSSARY:
        market = markets.get(entry.market) if entry.market else None
        if entry.market and market is None:
            continue
        for word in entry.terms:
            term = GlossaryTerm(
                locale=entry.locale, market=market, term=word, kind=entry.kind, suggestion=entry.suggestion, note=entry.note
            )
            term.full_clean(exclude=["market"], validate_unique=False, validate_constraints=False)
            if _key(term) in existing:
                continue
            term.save()
            existing.add(_key(term))
            created += 1
    if created:
        recheck_approved_copy_later(terms=GlossaryTerm.objects.order_by("-updated_at")[:created])
    return created
