"""Findings are known by code, field and subject, no longer by a hash of their English message.

Stored findings and the warnings reviewers acknowledged get their subject, read back out of the
message they were stored with (the message is kept in params, for wording them as they were).
"""
import re
import unicodedata

from django.db import migrations

# What each check's English message quoted as its subject.
_SUBJECTS = {
    "forbidden_term": re.compile(r'uses "([^"]+)"'),
    "caution_term": re.compile(r'uses "([^"]+)"'),
    "preferred_term_missing": re.compile(r'write "([^"]+)"'),
    "sensitive_topic": re.compile(r'mentions "([^"]+)" \(([^)]+)\)'),
    "handwritten_price": re.compile(r'the price "([^"]+)" typed in'),
    "handwritten_date": re.compile(r'the date "([^"]+)" typed in'),
    "broken_placeholder": re.compile(r'broken placeholder in "([^"]+)"'),
    "unknown_placeholder": re.compile(r"uses \{([^{}\s]+)\}"),
    "french_spacing": re.compile(r'before "([^"]+)"'),
    "spanish_inverted_marks": re.compile(r'opening "([^"]+)"'),
}
_FOLDED = {"forbidden_term", "caution_term", "preferred_term_missing"}


def _fold(text):
    return unicodedata.normalize("NFC", text).casefold()


def subject_of(code, message):
    pattern = _SUBJECTS.get(code)
    match = pattern.search(message or "") if pattern else None
    if match is None:
        return ""
    if code == "sensitive_topic":
        return "%s/%s" % (match.group(2).strip().replace(" ", "-"), _fold(match.group(1)))
    return _fold(match.group(1)) if code in _FOLDED else match.group(1)


def keyed(finding):
    if not isinstance(finding, dict) or "subject" in finding:
        return finding
    subject = subject_of(finding.get("code"), finding.get("message"))
    return {
        "code": finding.get("code", ""),
        "severity": finding.get("severity", "warning"),
        "field": finding.get("field", ""),
        "subject": subject,
        "params": {"message": finding.get("message", "")},
        "key": f"{finding.get('code', '')}:{finding.get('field', '')}:{subject}",
    }


def forwards(apps, schema_editor):
    Review = apps.get_model("localization", "Review")
    CopyVariant = apps.get_model("localization", "CopyVariant")
    # Reviews are kept as decided (their model refuses save()), so they are changed with update().
    for pk, acknowledged in Review.objects.exclude(acknowledged=[]).values_list("pk", "acknowledged").iterator():
        converted = [keyed(finding) for finding in acknowledged or []]
        if converted != acknowledged:
            Review.objects.filter(pk=pk).update(acknowledged=converted)
    for pk, findings in CopyVariant.objects.exclude(findings=[]).values_list("pk", "findings").iterator():
        converted = [keyed(finding) for finding in findings or []]
        if converted != findings:
            CopyVariant.objects.filter(pk=pk).update(findings=converted)


class Migration(migrations.Migration):
    dependencies = [("localization", "0005_findings_identity")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
