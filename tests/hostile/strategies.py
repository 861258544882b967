"""What hostile input looks like (any Unicode, huge strings, markup and script, odd locales, currencies, dates
and rules), the settings the hostile properties run with, and how a page is searched for script that could run."""
import json
import os
from contextlib import contextmanager
from html.parser import HTMLParser

from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Examples per property: enough to find what the lists below miss, few enough for CI (HOSTILE_EXAMPLES raises it).
EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "50"))


def hostile_settings(examples=EXAMPLES):
    # Each example runs in a savepoint of the test's transaction, rolled back, so the function-scoped world serves all.
    return settings(
        max_examples=examples, deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@contextmanager
def rolled_back():
    """One example's writes, undone when it ends: every example starts from the same world."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# What a script would call if it ran; the payloads below all call it.
MARKER = "glocalXSS"
SCRIPTS = [
    f"<script>{MARKER}(1)</script>",
    f'"><script>{MARKER}(2)</script>',
    f"'><img src=x onerror={MARKER}(3)>",
    f"</title><script>{MARKER}(4)</script>",
    f"</script><script>{MARKER}(5)</script>",
    f"<svg onload={MARKER}(6)>",
    f'<a href="javascript:{MARKER}(7)">click</a>',
    f"{{price}}<script>{MARKER}(8)</script>{{occasion}}",
    f"<!--<script>{MARKER}(9)</script>-->",
    f"<style></style><script>{MARKER}(10)</script>",
    f"]]></textarea><script>{MARKER}(11)</script>",
    f"\u202e<script>{MARKER}(12)</script>",
    f"<iframe srcdoc=\"<script>{MARKER}(13)</script>\">",
    f"{{{{ {MARKER} }}}}{{% debug %}}<script>{MARKER}(14)</script>",
]
ODD_TEXT = [
    "", " ", "\x00", "\ufeff", "\u200b\u200d", "\ud7ff", "𝔊𝔩𝔬𝔠𝔞𝔩", "👩‍👩‍👧‍👦" * 3, "ﷺ", "a\u0301" * 50, "\r\n\r\n", "\t",
    "%s %(name)s {0} {price", "'; DROP TABLE localization_copyvariant; --", "=HYPERLINK(\"http://x\")", "null", "None",
]


def huge(alphabet=st.sampled_from(["a", "é", "界", "🎁", "<b>", "\u0640"])):
    """A string from thousands to past a hundred thousand characters."""
    return st.builds(lambda piece, count: piece * count, alphabet, st.integers(min_value=1_000, max_value=120_000))


def hostile_text(max_size=300):
    """Any Unicode, a script payload, odd text, or a mix of them; sometimes huge."""
    plain = st.text(max_size=max_size)
    return st.one_of(
        plain,
        st.sampled_from(SCRIPTS),
        st.sampled_from(ODD_TEXT),
        st.builds(lambda a, b, c: a + b + c, plain, st.sampled_from(SCRIPTS + ODD_TEXT), plain),
        huge(),
    )


LOCALES = st.one_of(
    st.sampled_from(["pt-BR", "pt_BR", "PT-br", "en", "zh-Hans-CN", "ar-SA", "x", "xx-XX", "en--US", "-", "en-", "i-klingon",
                     "und", "root", "en-US-u-ca-buddhist", "sr-Latn", "C", "POSIX", "en@euro", "../etc", "\x00en", "en\n", "ｅｎ"]),
    st.text(max_size=25),
)
CURRENCIES = st.one_of(
    st.sampled_from(["BRL", "brl", "EUR", "XXX", "XTS", "XAU", "BTC", "US$", "€", "R$", "", "EURO", "ZZZ", "\x00AB", "ＥＵＲ"]),
    st.text(max_size=5),
)
TIME_ZONES = st.one_of(
    st.sampled_from(["America/Sao_Paulo", "UTC", "utc", "Etc/GMT+14", "../../etc/passwd", "", "Mars/Olympus", "America/", "\x00"]),
    st.text(max_size=40),
)


class ScriptFinder(HTMLParser):
    """What a browser would run in a page: inline scripts, event handler attributes, javascript: links; and the
    JSON-LD blocks, which must stay JSON (a copy that closed one would start a script of its own)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.runnable, self.json_blocks, self._script_type, self._buffer = [], [], None, []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.runnable.append(value)
            if name in ("href", "src", "action", "formaction", "srcdoc") and ("javascript:" in value.lower() or "<script" in value.lower()):
                self.runnable.append(value)
        if tag == "script":
            self._script_type, self._buffer = dict(attrs).get("type") or "text/javascript", []

    def handle_endtag(self, tag):
        if tag == "script" and self._script_type is not None:
            text = "".join(self._buffer)
            (self.json_blocks if "json" in self._script_type else self.runnable).append(text)
            self._script_type = None

    def handle_data(self, data):
        if self._script_type is not None:
            self._buffer.append(data)


def assert_runs_no_stored_script(html, where):
    finder = ScriptFinder()
    finder.feed(html)
    finder.close()
    running = [text[:200] for text in finder.runnable if MARKER in text]
    assert not running, f"{where} would run stored script: {running}"
    for block in finder.json_blocks:
        json.loads(block)  # still one JSON value: nothing closed it
