"""What each market's law wants on a commercial page, and which law says so.

Every market's page names its seller and a way to reach them; some markets want more (an Impressum
in Germany and Austria, the 特定商取引法に基づく表記 in Japan, the CNPJ in Brazil, the commercial
registration in Saudi Arabia), and the EU wants a reduced price shown beside the lowest price of the
30 days before it and the 14-day right of withdrawal named. The export gate refuses a page whose
market lacks what its requirements name (the brand's SellerDetails, the campaign market's prior price).
"""
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Member states of the European Union: the consumer and price-indication directives apply.
EU_MARKETS = frozenset({
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
    "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
})

# The seller's details (SellerDetails fields) in the order a page lists them, with the page label of each.
SELLER_FIELDS = {
    "legal_name": "legal_seller",
    "represented_by": "legal_represented_by",
    "address": "legal_address",
    "email": "legal_email",
    "phone": "legal_phone",
    "register": "legal_register",
    "vat_id": "legal_vat_id",
    "company_id": "legal_company_id",
    "commercial_registration": "legal_commercial_registration",
    "shipping": "legal_shipping",
    "returns": "legal_returns",
}
# Shown on a legal page of its own where the market has one, else in the footer with the rest.
POLICY_FIELDS = ("shipping", "returns")


@dataclass(frozen=True)
class Requirement:
    """One thing a market's law wants on the page: the seller details it needs, the law that says so,
    and the page of its own it wants in the bundle ("" where the footer is enough)."""

    key: str
    name: str  # how people call it: "Impressum" (a law's own name stays in its language)
    fields: tuple[str, ...]
    source: str
    own_page: str = ""


CONTACT = Requirement(
    "contact", _("Seller and contact"), ("legal_name", "email"),
    "OECD Recommendation on Consumer Protection in E-commerce (2016), Part Two, C.1: who the business is and how to reach it",
)
IMPRESSUM_FIELDS = ("legal_name", "represented_by", "address", "email")
REQUIREMENTS = {
    "DE": (Requirement("impressum", "Impressum", IMPRESSUM_FIELDS, "§ 5 DDG (Digitale-Dienste-Gesetz)", own_page="impressum"),),
    "AT": (Requirement("impressum", "Impressum", IMPRESSUM_FIELDS, "§ 5 ECG (E-Commerce-Gesetz), § 14 UGB", own_page="impressum"),),
    "JP": (Requirement(
        "tokushoho", "特定商取引法に基づく表記",
        ("legal_name", "represented_by", "address", "phone", "email", "shipping", "returns"),
        "特定商取引法 第11条 (Act on Specified Commercial Transactions, Art. 11)", own_page="tokushoho",
    ),),
    "BR": (Requirement("br_seller", "Razão social, CNPJ e endereço", ("legal_name", "company_id", "address"), "Decreto nº 7.962/2013, art. 2º"),),
    "SA": (Requirement(
        "sa_commercial_registration", _("Commercial registration"), ("legal_name", "commercial_registration"),
        "Saudi E-Commerce Law (Royal Decree M/126, 1440 H), Art. 6",
    ),),
}
EU_PRIOR_PRICE = Requirement(
    "eu_prior_price", _("Prior price of a reduction"), (),
    "Directive 98/6/EC, Art. 6a (as amended by Directive (EU) 2019/2161): the lowest price of the 30 days before it",
)
EU_WITHDRAWAL = Requirement("eu_withdrawal", _("Right of withdrawal"), (), "Directive 2011/83/EU, Art. 6(1)(h) and 9: 14 days")


def requirements_for(market_code):
    """What the market's law wants on a commercial page, every market's contact first."""
    found = [CONTACT, *REQUIREMENTS.get(market_code, ())]
    if market_code in EU_MARKETS:
        found += [EU_PRIOR_PRICE, EU_WITHDRAWAL]
    return found


def own_page_of(market_code):
    """The legal page of its own the market's law wants in the bundle ("impressum", "tokushoho"), or ""."""
    return next((requirement.own_page for requirement in requirements_for(market_code) if requirement.own_page), "")
