"""The admin speaks Simplified Chinese: every string of ours has a translation that keeps its meaning, compiled.

makemessages marks a msgid it matched fuzzily with `#, fuzzy` and the old msgid as `#| msgid ...`;
such an entry still carries the translation of ANOTHER message ("Month view" -> 审核中). So a
catalogue with either is not finished, however the comment is spelt.
"""
import re
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "locale" / "zh_Hans" / "LC_MESSAGES"
PO_PATH = LOCALE / "django.po"

# msgids whose translation may rightly be written without Chinese (product names, codes, CSV
# column names that users type as they are). Add one only with the reason.
KEPT_AS_IS = {
    "Glocal": "the product's name",
    "kind:": "names the CSV column `kind`, which the file must spell in English",
}

# %(name)s, %s, %d, %r ... but not %% (a literal percent sign) nor "discount %".
PYTHON_PLACEHOLDER = re.compile(r"%(?:\((?P<name>[^)]+)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?P<type>[diouxXeEfFgGcrsab%])")
BRACE_PLACEHOLDER = re.compile(r"(?<!\{)\{(\w*)(?:[!:][^{}]*)?\}(?!\})")
HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
CJK = re.compile(r"[\u3400-\u9fff]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
# Chinese text takes Chinese punctuation, and no space between a Chinese character and it.
MIXED_PUNCTUATION = re.compile(
    r"[\u3400-\u9fff][,;:!?]|[\u3400-\u9fff]\s+[，。：；！？、）]|[，。：；！？、（]\s+[\u3400-\u9fff]"
)


def _catalog():
    with open(PO_PATH, "rb") as po_file:
        return read_po(po_file)


def _messages():
    return [m for m in _catalog() if m.id]


def _ids(message):
    return message.id if isinstance(message.id, (tuple, list)) else (message.id,)


def _strings(message):
    return tuple(message.string) if isinstance(message.string, (tuple, list)) else (message.string,)


def _python_placeholders(text):
    named, positional = set(), []
    for match in PYTHON_PLACEHOLDER.finditer(text):
        if match["type"] == "%":
            continue
        if match["name"] is not None:
            named.add(match["name"])
        else:
            positional.append(match["type"])
    return named, sorted(positional)


def _label(message):
    return _ids(message)[0][:70]


def test_every_message_is_translated_and_compiled():
    catalog = _catalog()
    with open(LOCALE / "django.mo", "rb") as mo_file:
        compiled = read_mo(mo_file)
    untranslated = [m.id for m in catalog if m.id and not all(_strings(m))]
    assert untranslated == [], "translate these in locale/zh_Hans/LC_MESSAGES/django.po, then `make messages`"

    def text(message):
        return tuple(message.string) if isinstance(message.string, (tuple, list)) else (message.string,)

    stale = [m.id for m in catalog if m.id and (compiled.get(m.id) is None or text(compiled[m.id]) != text(m))]
    assert stale == [], "the .mo is older than the .po: run `make messages`"


def test_no_entry_is_fuzzy():
    fuzzy = [_label(m) for m in _catalog() if m.fuzzy]
    assert fuzzy == [], "fuzzy entries keep another message's translation: retranslate them and drop the flag"
    raw_flags = [line for line in PO_PATH.read_text(encoding="utf-8").splitlines() if line.startswith("#,") and "fuzzy" in line]
    assert raw_flags == [], raw_flags


def test_no_previous_msgid_comment_is_left_however_it_is_spelt():
    """`#| msgid` (and a disguised `# | msgid`) marks a translation made for another msgid."""
    text = PO_PATH.read_text(encoding="utf-8")
    previous = [
        f"line {number}: {line}"
        for number, line in enumerate(text.splitlines(), start=1)
        if re.match(r"#\s*\|", line)
    ]
    assert previous == [], "retranslate these entries, then remove the previous-msgid comments:\n" + "\n".join(previous)
    assert [_label(m) for m in _messages() if m.previous_id] == []


def test_translations_keep_the_placeholders_of_their_msgid():
    """Same %(name)s set and same %s/%d conversions as the msgid (or, for plurals, its msgid_plural).

    A message not marked python-format ("discount %", "50% off") is compared by its %(name)s only:
    a msgstr must never bring a placeholder its msgid lacks (it would raise KeyError, or print the
    wrong message's variable).
    """
    wrong = []
    for message in _messages():
        formatted = "python-format" in message.flags
        allowed = [_python_placeholders(msgid) if formatted else _python_placeholders(msgid)[0] for msgid in _ids(message)]
        for string in _strings(message):
            found = _python_placeholders(string) if formatted else _python_placeholders(string)[0]
            if found not in allowed:
                wrong.append(f"{_label(message)!r}: {string!r}")
    assert wrong == [], "a msgstr must use exactly the %(name)s / %s / %d of its msgid:\n" + "\n".join(wrong)


def test_translations_keep_brace_fields_and_html():
    wrong = []
    for message in _messages():
        msgid = _ids(message)[-1]
        for string in _strings(message):
            if set(BRACE_PLACEHOLDER.findall(string)) != set(BRACE_PLACEHOLDER.findall(msgid)):
                wrong.append(f"{_label(message)!r}: fields {string!r}")
            if sorted(HTML_TAG.findall(string)) != sorted(HTML_TAG.findall(msgid)):
                wrong.append(f"{_label(message)!r}: HTML {string!r}")
    assert wrong == [], "\n".join(wrong)


def test_plural_entries_have_the_one_form_chinese_has():
    catalog = _catalog()
    assert catalog.num_plurals == 1
    wrong = [_label(m) for m in catalog if m.id and m.pluralizable and len(_strings(m)) != 1]
    assert wrong == [], "Chinese has one plural form: msgstr[0] only"


def test_english_is_not_left_as_its_own_translation():
    copied = [
        _label(m)
        for m in _messages()
        if _ids(m)[0] not in KEPT_AS_IS and any(s.strip() == _ids(m)[0].strip() and re.search("[A-Za-z]", s) for s in _strings(m))
    ]
    assert copied == [], "these msgstr are the English msgid again: translate them (or allowlist a proper noun in KEPT_AS_IS)"


def test_every_translation_is_chinese():
    """A msgstr with no Chinese at all, for English words, is English left over (or pasted from elsewhere)."""

    def words(text):
        return ENGLISH_WORD.findall(PYTHON_PLACEHOLDER.sub("", BRACE_PLACEHOLDER.sub("", HTML_TAG.sub("", text))))

    foreign = [
        f"{_label(m)!r}: {s!r}"
        for m in _messages()
        if _ids(m)[0] not in KEPT_AS_IS and words(_ids(m)[0])
        for s in _strings(m)
        if not CJK.search(s)
    ]
    assert foreign == [], "\n".join(foreign)


def test_chinese_sentences_use_chinese_punctuation():
    wrong = [f"{_label(m)!r}: {s!r}" for m in _messages() for s in _strings(m) if MIXED_PUNCTUATION.search(s)]
    assert wrong == [], "use ，。：；！？ after Chinese characters, with no space before or after them:\n" + "\n".join(wrong)
