"""The glossary: CSV import and export (all or nothing, formulas neutralized), the admin's preview and
confirm per role, and the starter glossary."""
import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import localization.admin  # noqa: F401  registers the admin
import localization.admin.glossary as glossary_admin
from calendars.models import Market
from localization import campaigns, glossary, quality, review
from localization.glossary import GlossaryImportError, import_csv
from localization.models import CopyVariant, GlossaryTerm, State

pytestmark = pytest.mark.django_db

HEADER = "locale,market,term,kind,suggestion,note\r\n"
GOOD = HEADER + (
    'de,,bequem,caution,gemütlich,"Said of people it reads as lazy; write ""gemütlich"" for home products."\r\n'
    "pt-BR,BR,Valentine's Day,preferred,Dia dos Namorados,Brazil celebrates couples on 12 June.\r\n"
    "ar-SA,SA,بيكيني,forbidden,ملابس سباحة محتشمة,Not shown in Saudi campaigns.\r\n"
    "hi-IN,,गोमांस,caution,,The cow is sacred to many Hindus.\r\n"
    "zh-CN,,送钟,forbidden,,送钟 sounds like 送终: a clock as a gift wishes death.\r\n"
    "ja-JP,,4個セット,caution,3個セット,\"Four (shi) sounds like death;\nsets of 3 or 5 read well.\"\r\n"
)

@pytest.fixture
def roles(people):
    """The people of tests/conftest.py; their role groups carry the glossary permissions."""
    return people


def terms():
    return sorted(GlossaryTerm.objects.values_list("locale", "market__code", "term", "kind", "suggestion", "note"))


# Import and export, the services ----------------------------------------------------------------

def test_import_creates_every_term_of_a_good_csv(markets):
    result = import_csv(GOOD)
    assert (result.created, result.updated, result.unchanged) == (6, 0, 0)
    assert str(result) == "6 created, 0 updated, 0 unchanged"
    assert ("ar-SA", "SA", "بيكيني", "forbidden", "ملابس سباحة محتشمة", "Not shown in Saudi campaigns.") in terms()
    assert GlossaryTerm.objects.get(term="bequem").note == 'Said of people it reads as lazy; write "gemütlich" for home products.'
    assert GlossaryTerm.objects.get(term="4個セット").note == "Four (shi) sounds like death;\nsets of 3 or 5 read well."


def test_import_with_bad_lines_saves_nothing_and_names_each_line(markets):
    bad = GOOD + (  # GOOD ends on line 8: its last note spans two lines
        "pt_XX,,barato,caution,em conta,Sounds low-quality.\r\n"  # line 9
        "es-MX,ZZ,coger,caution,tomar,Vulgar in Mexico.\r\n"  # line 10
        "es-MX,,coger,banned,tomar,Vulgar in Mexico.\r\n"  # line 11
        "de-DE,,comfortable,preferred,,For home products.\r\n"  # line 12
        "id-ID,,babi,caution,,\r\n"  # line 13
        "fr-FR,,deal,caution,bon plan\r\n"  # line 14: a cell short
    )
    with pytest.raises(GlossaryImportError) as refused:
        import_csv(bad)
    assert refused.value.messages == [
        "Line 9: Locale 'pt_XX' is not a BCP 47 tag; write it with hyphens, such as pt-BR.",
        "Line 10: Market 'ZZ' is not a known market; use an ISO 3166 code such as BR, or leave it empty for every market of the locale.",
        "Line 11: Kind 'banned' is not a kind; write preferred, caution or forbidden.",
        "Line 12: A preferred term needs the wording the copy should use.",
        "Line 13: The note is empty; say why: the cultural reason copywriters and reviewers will read.",
        "Line 14: It has 5 cells but the header has 6; put double quotes around a cell that contains a comma.",
    ]
    assert GlossaryTerm.objects.count() == 0  # the six good lines are not saved either


@pytest.mark.parametrize(
    "row, problem",
    [
        (",,bequem,caution,,Reads as lazy.", "The locale is empty; write the BCP 47 tag of the copy, such as pt-BR."),
        ("de,,,caution,,Reads as lazy.", "The term is empty; write the word or phrase the entry is about."),
        ("de,,bequem,,,Reads as lazy.", "The kind is empty; write preferred, caution or forbidden."),
        ("de,,%s,caution,,Too long." % ("x" * 201), "Column term: Ensure this value has at most 200 characters (it has 201)."),
    ],
)
def test_each_problem_of_a_line_is_said_once_in_the_words_of_the_columns(markets, row, problem):
    with pytest.raises(GlossaryImportError) as refused:
        import_csv(HEADER + row + "\r\n")
    assert refused.value.messages == [f"Line 2: {problem}"]


def test_import_refuses_a_line_that_repeats_another(markets):
    with pytest.raises(GlossaryImportError, match=r"Line 3: Same locale, market, term and kind as line 2"):
        import_csv(HEADER + "de,,bequem,caution,,Reads as lazy.\r\nDE,,bequem,Caution,,Reads as lazy.\r\n")


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "The file is empty; its first line must be the header locale,market,term,kind,suggestion,note."),
        ("locale,market,term,kind,suggestion\r\nde,,bequem,caution,\r\n", "Line 1 is the header, and it lacks note;"),
        ("locale,market,word,kind,suggestion,note\r\n", "Line 1 is the header, and it lacks term; 'word' is not a column;"),
        ("de,,bequem,caution,,Reads as lazy.\r\n", "Line 1 is the header, and it lacks locale, market, term, kind, suggestion, note;"),
        (HEADER, "The file has a header but no terms; add one term per line below it."),
        (HEADER + 'de,,"bequem,caution,,Reads as lazy.\r\n', "Line 2 cannot be read as CSV"),
    ],
)
def test_import_says_what_is_wrong_with_the_file_itself(markets, text, message):
    with pytest.raises(GlossaryImportError) as refused:
        import_csv(text)
    assert refused.value.messages[0].startswith(message)


def test_import_reads_a_byte_order_mark_crlf_and_blank_lines(markets):
    upload = ("\ufeff" + HEADER + "\r\n" + "de,,bequem,caution,,Reads as lazy.\r\n\r\n\r\n" + "ja-JP,,4個セット,caution,,Four sounds like death.\r\n").encode()
    assert import_csv(upload).created == 2


def test_import_reads_the_semicolons_a_german_excel_writes(markets):
    text = "locale;market;term;kind;suggestion;note\r\nde;;bequem;caution;gemütlich;Reads as lazy, of people.\r\n"
    import_csv(text.encode("utf-8-sig"))
    assert terms() == [("de", None, "bequem", "caution", "gemütlich", "Reads as lazy, of people.")]


def test_import_refuses_a_file_that_is_not_utf8_and_names_the_line(markets):
    latin1 = (HEADER + "de,,bequem,caution,gemütlich,Reads as lazy.\r\n").encode("latin-1")
    with pytest.raises(GlossaryImportError, match=r"^\['Line 2 is not UTF-8 text; save the file as CSV UTF-8"):
        import_csv(latin1)
    with pytest.raises(GlossaryImportError, match="NUL characters"):
        import_csv((HEADER + "de,,bequem,caution,,Reads as lazy.\r\n").encode("utf-16-le"))
    assert GlossaryTerm.objects.count() == 0


def test_a_matching_line_updates_the_suggestion_and_note_and_the_same_line_changes_nothing(markets):
    import_csv(GOOD)
    bequem = GlossaryTerm.objects.get(term="bequem")
    changed = GOOD.replace("bequem,caution,gemütlich,", "bequem,caution,behaglich,")
    result = import_csv(changed)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 5)
    bequem.refresh_from_db()
    assert bequem.suggestion == "behaglich"
    assert GlossaryTerm.objects.count() == 6
    again = import_csv(changed)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)


def test_export_writes_the_header_and_rows_in_a_stable_order(markets):
    import_csv(GOOD)
    exported = glossary.export_csv(GlossaryTerm.objects.all())
    lines = exported.split("\r\n")
    assert lines[0] == "locale,market,term,kind,suggestion,note"
    assert [line.split(",")[0] for line in lines[1:7]] == ["ar-SA", "de", "hi-IN", "ja-JP", "pt-BR", "zh-Hans-CN"]
    assert "ar-SA,SA,بيكيني,forbidden,ملابس سباحة محتشمة,Not shown in Saudi campaigns." in lines
    assert exported == glossary.export_csv(GlossaryTerm.objects.order_by("-pk"))


def test_export_then_import_changes_nothing(markets):
    import_csv(GOOD)
    # A note typed in a browser is saved with CRLF line ends; the round trip must not see a change.
    GlossaryTerm.objects.filter(term="送钟").update(note="Sounds like 送终.\r\nNever as a gift.")
    before = terms()
    result = import_csv(glossary.export_csv(GlossaryTerm.objects.all()).encode("utf-8-sig"))
    assert (result.created, result.updated, result.unchanged) == (0, 0, 6)
    assert terms() == before


def test_export_puts_an_apostrophe_before_a_cell_a_spreadsheet_would_run_as_a_formula(markets):
    import_csv(GOOD)
    GlossaryTerm.objects.filter(term="bequem").update(note='=HYPERLINK("http://evil.example","Click")')
    GlossaryTerm.objects.filter(term="4個セット").update(term="-50%", suggestion="+1 gift", note="@once\r\n\tthen daily")
    lines = glossary.export_csv(GlossaryTerm.objects.all()).split("\r\n")
    assert 'de,,bequem,caution,gemütlich,"\'=HYPERLINK(""http://evil.example"",""Click"")"' in lines
    assert "ja-JP,,'-50%,caution,'+1 gift,\"'@once" in lines


@pytest.mark.parametrize(
    "note, exported",
    [
        ("=1+1", "'=1+1"),
        ("\tTab first", "'\tTab first"),
        ("\rCR first", "\"'\rCR first\""),
        ("'tis the season", "'tis the season"),  # an apostrophe before a letter is the note's own
        ("'=1+1", "''=1+1"),  # the import takes one apostrophe away and gives back the note
        ("Costs -50% today", "Costs -50% today"),
    ],
)
def test_export_then_import_gives_back_a_note_that_starts_like_a_formula(markets, note, exported):
    import_csv(HEADER + "de,,bequem,caution,,Reads as lazy.\r\n")
    GlossaryTerm.objects.update(note=note)
    text = glossary.export_csv(GlossaryTerm.objects.all())
    assert text.endswith(f",{exported}\r\n")
    assert import_csv(text).unchanged == 1
    assert GlossaryTerm.objects.get().note == note


def test_import_takes_away_the_apostrophe_a_spreadsheet_user_typed_before_a_formula(markets):
    import_csv(HEADER + "de,,'-50%,caution,'=weniger,\"'tis the season, not '+1\"\r\n")
    assert terms() == [("de", None, "-50%", "caution", "=weniger", "'tis the season, not '+1")]


def test_a_formula_round_trip_through_export_and_import_changes_nothing(markets):
    import_csv(GOOD)
    GlossaryTerm.objects.filter(term="bequem").update(note="=HYPERLINK(\"http://evil.example\")")
    GlossaryTerm.objects.filter(term="4個セット").update(term="-50%")
    before = terms()
    result = import_csv(glossary.export_csv(GlossaryTerm.objects.all()).encode("utf-8-sig"))
    assert (result.created, result.updated, result.unchanged) == (0, 0, 6)
    assert terms() == before


def test_a_dry_run_says_what_the_import_would_do_and_writes_nothing(markets, django_capture_on_commit_callbacks):
    import_csv(GOOD)
    before = terms()
    changed = GOOD.replace("bequem,caution,gemütlich,", "bequem,caution,behaglich,") + "fr-FR,,deal,caution,bon plan,Toubon law.\r\n"
    with django_capture_on_commit_callbacks() as scheduled:
        preview = import_csv(changed, dry_run=True)
    assert (preview.created, preview.updated, preview.unchanged, preview.changes) == (1, 1, 5, 2)
    assert [(t.locale, t.term, t.pk) for t in preview.created_terms] == [("fr-FR", "deal", None)]
    [update] = preview.updates
    assert (update.term.term, update.old_suggestion, update.term.suggestion) == ("bequem", "gemütlich", "behaglich")
    assert update.suggestion_changed and not update.note_changed
    assert terms() == before and scheduled == []
    assert import_csv(changed, expected_fingerprint=preview.fingerprint).changes == 2


def test_an_import_refuses_to_write_what_its_preview_did_not_show(markets):
    import_csv(GOOD)
    changed = GOOD.replace("bequem,caution,gemütlich,", "bequem,caution,behaglich,")
    preview = import_csv(changed, dry_run=True)
    GlossaryTerm.objects.filter(term="bequem").update(note="A colleague's newer note.")  # after the preview
    before = terms()
    with pytest.raises(GlossaryImportError, match="The glossary changed since the preview") as refused:
        import_csv(changed, expected_fingerprint=preview.fingerprint)
    assert refused.value.code == "changed"
    assert terms() == before


def test_a_dry_run_of_a_bad_file_names_each_bad_line_too(markets):
    with pytest.raises(GlossaryImportError, match="Line 9: Locale 'pt_XX'"):
        import_csv(GOOD + "pt_XX,,barato,caution,,Sounds cheap.\r\n", dry_run=True)


def test_an_import_that_changes_the_glossary_sends_approved_copy_it_faults_back_for_review(
    in_review, people, django_capture_on_commit_callbacks
):
    review.approve(variant=in_review, user=people["reviewer"])
    with django_capture_on_commit_callbacks(execute=True) as scheduled:
        import_csv(HEADER + "pt-BR,,presente,forbidden,mimo,Use 'mimo' in this campaign\r\n")
    assert len(scheduled) == 1
    in_review.refresh_from_db()
    assert in_review.state == State.STALE
    with django_capture_on_commit_callbacks() as scheduled:
        import_csv(HEADER + "pt-BR,,presente,forbidden,mimo,Use 'mimo' in this campaign\r\n")
    assert scheduled == []  # nothing changed, nothing to recheck


def test_only_those_who_may_change_the_glossary_import_it(roles):
    with pytest.raises(PermissionDenied):
        import_csv(GOOD, user=roles["copywriter"])
    with pytest.raises(PermissionDenied):
        import_csv(GOOD, user=roles["copywriter"], dry_run=True)
    assert import_csv(GOOD, user=roles["manager"]).created == 6


# The admin ---------------------------------------------------------------------------------------

CHANGELIST = "/admin/localization/glossaryterm/"
IMPORT = reverse("admin:localization_glossaryterm_import")
EXPORT = reverse("admin:localization_glossaryterm_export")


def csv_upload(text, name="glossary.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def said(response):
    """The messages the admin shows on the page."""
    return [str(message) for message in response.context["messages"]]


def preview(client, text):
    """Upload a file; the page that says what it would change, and its confirm's signed file."""
    response = client.post(IMPORT, {"file": csv_upload(text)})
    assert response.status_code == 200 and response.context["preview"] is not None
    return response, response.context["signed_csv"]


def test_manager_imports_a_csv_from_the_admin(client, roles):
    client.force_login(roles["manager"])
    changelist = client.get(CHANGELIST).content.decode()
    assert IMPORT in changelist and EXPORT in changelist
    assert client.get(IMPORT).status_code == 200
    page, signed_csv = preview(client, GOOD)
    assert "Import these 6 changes" in page.content.decode()
    assert GlossaryTerm.objects.count() == 0  # the upload only previews
    response = client.post(IMPORT, {"signed_csv": signed_csv}, follow=True)
    assert response.redirect_chain[-1][0] == CHANGELIST
    assert [str(m) for m in response.context["messages"]] == ["Glossary imported: 6 created, 0 updated, 0 unchanged."]
    assert GlossaryTerm.objects.count() == 6
    history = LogEntry.objects.filter(action_flag=ADDITION, user=roles["manager"])
    assert history.count() == 6 and history.first().change_message == "Imported from CSV."


def test_the_preview_shows_the_counts_and_each_term_to_create_or_update_and_writes_nothing(client, roles):
    import_csv(GOOD)
    before = terms()
    client.force_login(roles["manager"])
    changed = GOOD.replace("bequem,caution,gemütlich,", "bequem,caution,behaglich,") + "fr-FR,,deal,caution,bon plan,Toubon law.\r\n"
    page, _ = preview(client, changed)
    html = page.content.decode()
    result = page.context["preview"]
    assert (result.created, result.updated, result.unchanged) == (1, 1, 5)
    assert "Terms to create</th><td>1<" in html and "Terms to update</th><td>1<" in html
    assert "Terms left unchanged</th><td>5<" in html
    assert "<td>deal</td>" in html and "Toubon law." in html
    assert "<del>gemütlich</del><br><ins>behaglich</ins>" in html
    assert "Import these 2 changes" in html
    assert terms() == before
    assert not LogEntry.objects.exists()


def test_a_file_that_changes_nothing_offers_nothing_to_confirm(client, roles):
    import_csv(GOOD)
    client.force_login(roles["manager"])
    page, _ = preview(client, GOOD)
    html = page.content.decode()
    assert "The file changes nothing" in html
    assert 'name="signed_csv"' not in html


@pytest.mark.parametrize("alter", [lambda signed: signed[:-1] + ("A" if signed[-1] != "A" else "B"), lambda signed: ""])
def test_an_altered_preview_is_refused_and_nothing_is_imported(client, roles, alter):
    client.force_login(roles["manager"])
    _, signed_csv = preview(client, GOOD)
    response = client.post(IMPORT, {"signed_csv": alter(signed_csv)}, follow=True)
    assert response.redirect_chain[-1][0] == IMPORT
    assert said(response) == [
        "This preview was altered or belongs to another user, so nothing was imported; upload the file again."
    ]
    assert GlossaryTerm.objects.count() == 0


def test_a_preview_confirmed_by_another_user_is_refused(client, roles, django_user_model):
    client.force_login(roles["manager"])
    _, signed_csv = preview(client, GOOD)
    client.force_login(django_user_model.objects.create_superuser("other-admin", "other@example.com", "x"))
    response = client.post(IMPORT, {"signed_csv": signed_csv}, follow=True)
    assert "belongs to another user" in said(response)[0]
    assert GlossaryTerm.objects.count() == 0


def test_an_expired_preview_is_refused(client, roles, monkeypatch):
    client.force_login(roles["manager"])
    _, signed_csv = preview(client, GOOD)
    monkeypatch.setattr(glossary_admin, "PREVIEW_MAX_AGE", -1)  # as if the hour had passed
    response = client.post(IMPORT, {"signed_csv": signed_csv}, follow=True)
    assert response.redirect_chain[-1][0] == IMPORT
    [refusal] = said(response)
    assert refusal.startswith("This preview is more than") and refusal.endswith("nothing was imported; upload the file again.")
    assert GlossaryTerm.objects.count() == 0


def test_a_confirm_after_the_glossary_changed_shows_the_new_preview_and_writes_nothing(client, roles):
    import_csv(GOOD)
    client.force_login(roles["manager"])
    _, signed_csv = preview(client, GOOD.replace("bequem,caution,gemütlich,", "bequem,caution,behaglich,"))
    GlossaryTerm.objects.filter(term="bequem").update(suggestion="wohnlich")  # a colleague, meanwhile
    before = terms()
    response = client.post(IMPORT, {"signed_csv": signed_csv})
    assert response.status_code == 200
    assert said(response)[0].startswith("The glossary changed since the preview")
    assert "<del>wohnlich</del><br><ins>behaglich</ins>" in response.content.decode()
    assert terms() == before
    confirmed = client.post(IMPORT, {"signed_csv": response.context["signed_csv"]})
    assert confirmed.status_code == 302
    assert GlossaryTerm.objects.get(term="bequem").suggestion == "behaglich"


def test_a_term_saved_in_the_admin_rechecks_approved_copy(client, roles, django_capture_on_commit_callbacks):
    client.force_login(roles["manager"])
    form = {"locale": "pt-BR", "market": "", "kind": "caution", "term": "barato", "suggestion": "em conta", "note": "Sounds cheap"}
    with django_capture_on_commit_callbacks() as scheduled:
        assert client.post(reverse("admin:localization_glossaryterm_add"), form).status_code == 302
    assert len(scheduled) == 1
    assert GlossaryTerm.objects.get().term == "barato"


def test_a_bad_file_shows_the_form_again_with_each_bad_line_and_saves_nothing(client, roles):
    client.force_login(roles["manager"])
    response = client.post(IMPORT, {"file": csv_upload(GOOD + "pt_XX,,barato,caution,,Sounds cheap.\r\n")})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was imported" in html
    assert "Line 9: Locale &#x27;pt_XX&#x27; is not a BCP 47 tag" in html
    assert GlossaryTerm.objects.count() == 0


def test_copywriters_and_reviewers_see_the_glossary_but_cannot_import(client, roles):
    import_csv(GOOD)
    for role in ("copywriter", "reviewer"):
        client.force_login(roles[role])
        response = client.get(CHANGELIST)
        assert response.status_code == 200
        assert response.context["cl"].result_count == 6
        assert IMPORT not in response.content.decode()
        assert client.get(IMPORT).status_code == 403
        assert client.post(IMPORT, {"file": csv_upload(GOOD)}).status_code == 403
        assert client.post(IMPORT, {"signed_csv": "anything"}).status_code == 403
        assert client.get(EXPORT).status_code == 200
    assert GlossaryTerm.objects.count() == 6


def test_the_admin_exports_selected_or_all_terms_as_csv_excel_opens(client, roles):
    import_csv(GOOD)
    client.force_login(roles["manager"])
    everything = client.get(EXPORT)
    assert everything["Content-Type"] == "text/csv; charset=utf-8"
    assert everything["Content-Disposition"].startswith('attachment; filename="glossary-')
    assert everything.content.decode("utf-8-sig") == glossary.export_csv(GlossaryTerm.objects.all())
    chosen = GlossaryTerm.objects.filter(locale__in=["ar-SA", "zh-CN"])
    selected = client.post(CHANGELIST, {"action": "export_selected", "_selected_action": [t.pk for t in chosen]})
    assert selected.content.decode("utf-8-sig") == glossary.export_csv(chosen)


# The starter glossary ---------------------------------------------------------------------------------

def test_the_starter_glossary_loads_once(markets):
    created = glossary.load_starter_glossary()
    assert created == GlossaryTerm.objects.count() == sum(len(entry.terms) for entry in glossary.STARTER_GLOSSARY)
    assert glossary.load_starter_glossary() == 0
    assert GlossaryTerm.objects.count() == created


def test_the_starter_glossary_keeps_edits_and_skips_markets_that_do_not_exist(markets):
    Market.objects.filter(code="AE").delete()
    glossary.load_starter_glossary()
    assert not GlossaryTerm.objects.filter(locale__in=["ar-AE", "en-AE"]).exists()
    GlossaryTerm.objects.filter(term="bequem").update(note="Our own note.")
    glossary.load_starter_glossary()
    assert GlossaryTerm.objects.get(term="bequem").note == "Our own note."


def test_every_starter_entry_says_why(markets):
    glossary.load_starter_glossary()
    assert not GlossaryTerm.objects.filter(note="").exists()
    assert not any(entry.note.endswith(".") for entry in glossary.STARTER_GLOSSARY)  # the checks add their own
    locales = set(GlossaryTerm.objects.values_list("locale", flat=True))
    # Stored as CLDR spells them: zh-CN is zh-Hans-CN.
    assert {"de", "ar-SA", "ar-AE", "en-AE", "pt-BR", "es-MX", "hi-IN", "ja-JP", "zh-Hans-CN", "id-ID", "fr-FR"} <= locales


@pytest.fixture
def starter_campaign(people, markets):
    glossary.load_starter_glossary()
    return campaigns.create_campaign(
        user=people["manager"],
        markets=[markets[code] for code in ("DE", "SA", "CN", "MX", "JP", "BR")],
        slug="home",
        name="Home",
        headline="Comfortable evenings at home",
        body="A comfortable sofa for Valentine's Day.",
    )


@pytest.mark.parametrize(
    "market, body, code, named",
    [
        ("DE", "Unser bequemes Sofa für lange Abende.", "caution_term", '"bequemes", a caution term in de-DE'),
        ("DE", "Unser bequemes Sofa für lange Abende.", "preferred_term_missing", 'in de-DE write "gemütlich"'),
        ("SA", "أجمل بيكيني لهذا الصيف", "forbidden_term", '"بيكيني", which is forbidden in ar-SA'),
        ("CN", "情人节送钟，寓意长久", "forbidden_term", '"送钟", which is forbidden in zh-Hans-CN'),
        ("MX", "Coge el tuyo hoy.", "caution_term", '"Coge", a caution term in es-MX'),
        ("JP", "4個セットでお得", "caution_term", '"4個セット", a caution term in ja-JP'),
        ("BR", "Um sofá para o Dia de São Valentim.", "preferred_term_missing", 'in pt-BR write "Dia dos Namorados"'),
    ],
)
def test_starter_terms_are_found_in_a_markets_copy(starter_campaign, people, market, body, code, named):
    variant = CopyVariant.objects.select_related("campaign", "market").get(campaign=starter_campaign, market__code=market)
    review.save_copy(variant=variant, user=people["admin"], expected_version=variant.version, body=body)
    found = [f for f in quality.findings_for(variant) if f["code"] == code and f["field"] == "body"]
    assert len(found) == 1 and named in found[0]["message"], found


def test_copy_that_follows_the_starter_glossary_passes_it(starter_campaign, people):
    variant = CopyVariant.objects.select_related("campaign", "market").get(campaign=starter_campaign, market__code="DE")
    review.save_copy(
        variant=variant, user=people["admin"], expected_version=variant.version,
        # Uninflected: the preferred-term check finds whole words, so "gemütliches" would not count.
        headline="Abende zu Hause, so gemütlich wie nie", body="Das Sofa zum Valentinstag: gemütlich und schön.",
    )
    glossary_codes = {"forbidden_term", "caution_term", "preferred_term_missing"}
    assert [f for f in quality.findings_for(variant) if f["code"] in glossary_codes] == []
