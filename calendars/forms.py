"""Admin forms of the calendar: a market's lists are read and written as lines of text, not JSON."""
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from .models import Market

# A line someone wrote in JSON's way: in brackets or quotes, or ending in a comma.
WRITTEN_AS_JSON = re.compile(r"""^[\["']|[\]"',]$""")


class LinesField(forms.CharField):
    """A list of short texts, one per line (``split_on_commas`` also takes "en-IN, en-GB").

    Blank lines and surrounding spaces are dropped. A line in JSON's brackets or quotes, or a
    name listed twice, is refused with what to write instead.
    """

    widget = forms.Textarea(attrs={"rows": 4, "cols": 40})

    def __init__(self, *, example, split_on_commas=False, **kwargs):
        self.example, self.split_on_commas = example, split_on_commas
        super().__init__(required=False, **kwargs)

    def prepare_value(self, value):
        return "\n".join(str(item) for item in value) if isinstance(value, list) else value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        text = super().to_python(value)
        items = [item.strip() for item in re.split(r"[\n,]" if self.split_on_commas else r"\n", text)]
        items = [item for item in items if item]
        if any(WRITTEN_AS_JSON.search(item) for item in items):
            raise ValidationError(
                _("Write one per line, without brackets, quotes or commas at the end, such as: %(example)s"),
                code="written_as_json",
                params={"example": self.example},
            )
        seen = set()
        for item in items:
            if item.casefold() in seen:
                raise ValidationError(_("'%(item)s' is listed twice; list it once."), code="listed_twice", params={"item": item})
            seen.add(item.casefold())
        return items


def market_lines_field(name, example, **kwargs):
    """A LinesField standing in for the market's JSON list field ``name``, labelled as the model labels it."""
    model_field = Market._meta.get_field(name)
    return LinesField(
        label=capfirst(model_field.verbose_name),
        help_text=format_lazy("{} {}", model_field.help_text, _("One per line.")),
        example=example,
        **kwargs,
    )


class MarketForm(forms.ModelForm):
    extra_locales = market_lines_field("extra_locales", "en-IN", split_on_commas=True)
    payment_methods = market_lines_field("payment_methods", "Pix")
    sensitive_topics = market_lines_field("sensitive_topics", "alcohol")

    class Meta:
        model = Market
        fields = "__all__"
