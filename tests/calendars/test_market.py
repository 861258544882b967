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
        {"code": "BR", "name_en": "Brazil", "region": "latin-america", "primary_locale": "pt_XX", "extra_locales": "",
         "currency": "ZZZ", "time_zone": "America/Sao_Paulo", "payment_methods": "", "delivery_days": 10,
         "calendar_era": "gregorian", "sensitive_topics": "", "show_minor_units": "on"},
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


# The admin: a market's lists are lines of text --------------------------------------------------

def change_url(market):
    return f"/admin/calendars/market/{market.pk}/change/"


def change_form_data(client, market, **changes):
    """What the change form posts when nothing is touched, with ``changes`` typed in."""
    form = client.get(change_url(market)).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = value
    return {**data, **changes}


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.com", "pw"))
    return client


def test_market_lists_read_as_lines_not_json(admin_client, markets):
    response = admin_client.get(change_url(markets["BR"]))
    page = response.content.decode()
    assert "Pix\nBoleto bancário\nCredit card in installments (parcelado)\nMercado Pago</textarea>" in page
    assert "[&quot;" not in page and '["' not in page
    assert "One per line." in page


def test_market_lists_are_saved_from_lines(admin_client, markets):
    brazil = markets["BR"]
    data = change_form_data(
        admin_client, brazil,
        extra_locales="en-us, es-AR\n",
        payment_methods="Pix\n\n  Boleto bancário  \nBuy now, pay later (Koin)\n",
        sensitive_topics="alcohol\r\nrevealing clothing",
    )
    response = admin_client.post(change_url(brazil), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    brazil.refresh_from_db()
    assert brazil.extra_locales == ["en-US", "es-AR"]  # commas or lines; one spelling
    assert brazil.payment_methods == ["Pix", "Boleto bancário", "Buy now, pay later (Koin)"]  # a comma inside a name stays
    assert brazil.sensitive_topics == ["alcohol", "revealing clothing"]


def test_emptied_lists_are_saved_empty(admin_client, markets):
    mexico = markets["MX"]
    response = admin_client.post(change_url(mexico), change_form_data(admin_client, mexico, payment_methods=" \n "))
    assert response.status_code == 302
    mexico.refresh_from_db()
    assert mexico.payment_methods == []


@pytest.mark.parametrize(
    ("field", "typed", "says"),
    [
        ("payment_methods", '["Pix", "Boleto"]', "Write one per line, without brackets, quotes or commas at the end, such as: Pix"),
        ("payment_methods", '"Pix",\n"Boleto"', "Write one per line, without brackets, quotes or commas at the end, such as: Pix"),
        ("payment_methods", "Pix\nBoleto\npix", "&#x27;pix&#x27; is listed twice; list it once."),
        ("extra_locales", '["en-IN"]', "such as: en-IN"),
        ("extra_locales", "en-IN, xx-YY", "Locale &#x27;xx-YY&#x27; is not a known locale; use a BCP 47 tag such as pt-BR."),
        ("sensitive_topics", "alcohol\nAlcohol", "&#x27;Alcohol&#x27; is listed twice"),
    ],
)
def test_bad_lines_are_refused_with_what_to_write(admin_client, markets, field, typed, says):
    brazil = markets["BR"]
    before = getattr(brazil, field)
    response = admin_client.post(change_url(brazil), change_form_data(admin_client, brazil, **{field: typed}))
    assert response.status_code == 200
    assert says in response.content.decode()
    assert list(response.context["adminform"].form.errors) == [field]
    brazil.refresh_from_db()
    assert getattr(brazil, field) == before
