"""Landing-page bundles from approved copy, as a pipeline of value objects:
collect (collect.py) -> render (render.py) -> check (check.py, the export gate) -> write (write.py).

``build_bundle`` runs it in one process (the export_bundle command); ``jobs`` runs the same steps
on the workers, a market per task (the admin's Export action); ``preview_page`` renders one
variant's page from its current copy for reviewers.
"""
from .bundle import ExportRefused, ExportResult, build_bundle, market_codes, skipped_sentence
from .preview import preview_content_security_policy, preview_page, preview_policy

__all__ = ["ExportRefused", "ExportResult", "build_bundle", "market_codes", "preview_content_security_policy", "preview_page", "preview_policy", "skipped_sentence"]
