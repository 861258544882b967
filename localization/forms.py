"""The forms of the admin pages: the campaign's source, a variant's copy, a glossary upload, a brand kit."""
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import access, brands, review
from .models import COPY_FIELDS, Brand, Campaign, CopyVariant, SourceRevision

MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # some ten thousand terms; a bigger file is not a glossary


class CampaignForm(forms.ModelForm):
    # Asked only when a source field changes: a default would turn a typo fix into a meaning
    # change (or the reverse) without anyone having chosen.
    change_kind = forms.ChoiceField(
        label=_("This change of the source is a"),
        choices=SourceRevision.Kind.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Asked only when you change the source copy."),
    )

    class Meta:
        model = Campaign
        fields = "__all__"

    def source_changed(self):
        """Whether this save changes the source copy of an existing campaign."""
        return bool(self.instance.pk) and any(name in self.changed_data for name in COPY_FIELDS)

    def clean(self):
        cleaned = super().clean()
        if not self.source_changed():
            cleaned["change_kind"] = ""  # nothing to judge: whatever was posted is ignored
        elif not cleaned.get("change_kind"):
            self.add_error(
                "change_kind",
                _(
                    "You changed the source copy: say whether its meaning changed (approved copy is reviewed again) "
                    "or it is a correction of a typo or punctuation (approvals stand)."
                ),
            )
        return cleaned


class CopyVariantForm(forms.ModelForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = CopyVariant
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        copywriter, market = cleaned.get("copywriter"), cleaned.get("market") or getattr(self.instance, "market", None)
        if "copywriter" in self.changed_data and copywriter and market and not access.may_write(copywriter, market.pk):
            self.add_error(
                "copywriter",
                _("%(user)s does not write copy for %(market)s; assign them to the market first.")
                % {"user": copywriter.get_username(), "market": market.code},
            )
        if self.instance.pk and any(name in self.changed_data for name in COPY_FIELDS):
            # Locked until the admin's transaction ends, so the save below cannot be overtaken.
            current = CopyVariant.objects.select_for_update().get(pk=self.instance.pk)
            refused = review.edit_refused(current, expected_version=cleaned.get("expected_version"))
            if refused is not None:
                raise ValidationError(refused.messages)
        return cleaned


class GlossaryImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8 text with the header locale,market,term,kind,suggestion,note, as the export writes it."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is %(size)s; a glossary CSV is at most %(limit)s. Split it and import the parts."),
                params={"size": f"{upload.size / 2**20:.1f} MB", "limit": f"{MAX_UPLOAD_BYTES // 2**20} MB"},
            )
        return upload


class BrandForm(forms.ModelForm):
    class Meta:
        model = Brand
        fields = ["name", "logo", "accent", "accent_ink"]
        widgets = {"accent": forms.TextInput(attrs={"type": "color"}), "accent_ink": forms.TextInput(attrs={"type": "color"})}

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and logo is not getattr(self.instance, "logo", None) and hasattr(logo, "content_type"):
            return brands.cleaned_logo(logo)  # a new upload: an SVG cleaned, a PNG checked
        return logo
