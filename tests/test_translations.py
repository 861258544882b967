"""The admin speaks Simplified Chinese: every string of ours has a translation, compiled."""
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_every_message_is_translated_and_compiled():
    with open(LOCALE / "django.po", "rb") as po_file:
        catalog = read_po(po_file)
    with open(LOCALE / "django.mo", "rb") as mo_file:
        compiled = read_mo(mo_file)
    untranslated = [m.id for m in catalog if m.id and not all(m.string if isinstance(m.string, tuple) else [m.string])]
    assert untranslated == [], "translate these in locale/zh_Hans/LC_MESSAGES/django.po, then `make messages`"
    def text(message):
        return tuple(message.string) if isinstance(message.string, (tuple, list)) else (message.string,)

    stale = [m.id for m in catalog if m.id and (compiled.get(m.id) is None or text(compiled[m.id]) != text(m))]
    assert stale == [], "the .mo is older than the .po: run `make messages`"
