"""Where the board's entries lead: the admin page of a campaign or of a copy."""
from django.urls import reverse


def change_url(model_name, pk):
    return reverse(f"admin:localization_{model_name}_change", args=[pk])
