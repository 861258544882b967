"""Render's shortcut past nh3: copy without markup comes out exactly as nh3 would write it."""
import nh3
from hypothesis import given, settings
from hypothesis import strategies as st

from localization.checks import sanitized
from localization.export.render import clean

# Characters nh3 treats specially, or that look as if it might, among ordinary ones.
TRICKY = list("ab \n\t\"'=/;:{}éß中ع") + ["\xa0", "\u200f", "\u200e", "\u00ad", "\u2028", "\ufeff", "\x0b", "\x0c", "\x01", "\x7f",
                                           "\x85", "\r", "\0", "<", ">", "&", "\U0001F600"]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=40) | st.text(max_size=40))
def test_clean_is_what_nh3_writes(text):
    assert clean(text) == sanitized(text)


def test_clean_keeps_markup_to_nh3():
    assert clean('<b>Hola</b> <script>alert(1)</script>R$\xa0199') == "<b>Hola</b> R$&nbsp;199"
    assert clean("Preço: R$\xa0199,90") == "Preço: R$&nbsp;199,90" == nh3.clean("Preço: R$\xa0199,90")
