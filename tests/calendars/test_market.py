"""Market: bad locales, currencies and time zones are refused with a message that says what to fix."""
import pytest
from django.core.exceptions import ValidationError

from calendars.locales import canonical_tag, text_direction, to_babel
from calendars.models import Market

pytestmark = pytest.mark.django_db


def market(**overrides):
    fields = dict(code="BR", name_en="Brazil", region="latin-america", primary_locale="pt-BR", currency="BRL", time_zone="America/Sao_Paulo")
    return Market(**{**fields, **overrides})


def messages_of(error, field):
    return " ".join(error.value.message_dict[field])


def test_a_valid_market_is_saved_with_its_tag_in_one_spelling():
    brazil = market(primary_locale="pt-br", extra_locales=["EN-us"])
    brazil.full_clean()
    assert brazil.primary_locale == "pt-BR" and brazil.extra_locales == ["en-US"]


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("primary_locale", "pt-XX", "Locale 'pt-XX' is not a known locale; use a BCP 47 tag such as pt-BR."),
        ("primary_locale", "pt_XX", "Locale 'pt_XX' is not a BCP 47 tag; write it with hyphens, such as pt-BR."),
        ("extra_locales", ["en-IN", "xx-YY"], "Locale 'xx-YY' is not a known locale"),
        ("currency", "ZZZ", "Currency 'ZZZ' is not an ISO 4217 code"),
        ("currency", "brl", "Currency 'brl' is not an ISO 4217 code"),
        ("time_zone", "Brazil/Rio", "not an IANA time zone"),
        ("code", "BRA", "two capital letters"),
    ],
)
def test_bad_input_is_refused_with_what_to_fix(field, value, says):
    with pytest.raises(ValidationError) as refused:
        market(**{field: value}).full_clean()
    assert says in messages_of(refused, field)


def test_nothing_is_saved_when_the_admin_form_is_refused(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(admin)
    response = client.post(
        "/admin/calendars/market/add/",
        {"code": "BR", "name_en": "Brazil", "region": "latin-america", "primary_locale": "pt_XX", "extra_locales": "[]",
         "currency": "ZZZ", "time_zone": "America/Sao_Paulo", "payment_methods": "[]", "delivery_days": 10,
         "calendar_era": "gregorian", "sensitive_topics": "[]", "show_minor_units": "on"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "is not a BCP 47 tag; write it with hyphens, such as pt-BR." in page
    assert "Currency &#x27;ZZZ&#x27; is not an ISO 4217 code" in page
    assert not Market.objects.exists()


def test_locale_tags_meet_babel_in_one_place():
    assert to_babel("pt-BR") == "pt_BR"
    assert to_babel("zh-Hans-CN") == "zh_Hans_CN"
    assert canonical_tag("ar-sa") == "ar-SA"
    assert text_direction("ar-SA") == "rtl" and text_direction("hi-IN") == "ltr"


def test_local_name_is_in_the_markets_own_language(markets):
    assert markets["BR"].local_name == "Brasil"
    assert markets["JP"].local_name == "日本"
    assert markets["ID"].local_name  # Indonesian names live in name_ind (modeltranslation's spelling)
