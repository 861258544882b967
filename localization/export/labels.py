"""Loading the landing pages' reference data (page labels, regional playbooks) from the catalogue.

Re-running it creates what is missing and keeps what people edited in admin; a label gains the
languages the catalogue has and it lacks.
"""
from django.db import transaction
from modeltranslation.utils import build_localized_fieldname

from ..catalogue.page_labels import PAGE_LABELS
from ..catalogue.playbooks import PLAYBOOKS
from ..models import PageLabel, RegionalPlaybook


@transaction.atomic
def load_page_catalogue():
    """Create the missing page labels and playbooks, fill a label's empty languages; returns how many rows were created."""
    created = 0
    labels = {label.key: label for label in PageLabel.objects.all()}
    for key, (note, texts) in PAGE_LABELS.items():
        label = labels.get(key)
        if label is None:
            label = PageLabel(key=key, note=note)
            created += 1
        changed = label.pk is None
        for language, text in texts.items():
            name = build_localized_fieldname("text", language)
            if not getattr(label, name, ""):
                setattr(label, name, text)
                changed = True
        if changed:
            label.save()
    existing = set(RegionalPlaybook.objects.values_list("region", flat=True))
    for region, playbook in PLAYBOOKS.items():
        if region not in existing:
            RegionalPlaybook.objects.create(region=region, **playbook)
            created += 1
    return created
