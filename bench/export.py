"""Throughput of landing-page bundles: 20 campaigns, each approved in 50 markets (1,000 pages).

Prints, with plain perf_counter timings:
- pages per second of the whole export (collect -> render -> check -> write a zip), the first time
  (which publishes every variant: three writes per campaign) and again (already published);
- the time of each step, and the ratio to writing the same bytes into a zip without rendering;
- the database queries per campaign for 10 and for 50 markets: collecting and checking take the
  same number whatever the markets, and so does publishing.

The export again, its steps and the bare zip are timed three times each, taking turns, and the best
of each is compared: on a shared machine a busy moment slows one run, not the ratio.

Run: python bench/export.py [campaigns] [--profile] (20 unless given; --profile prints where an
export's time goes, by cProfile). Targets: at least 500 pages per second, within 3x of the bare zip.
"""
import cProfile
import os
import pstats
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The bench's bundles are served nowhere; an export needs a public address all the same. Its brand's
# logo and product images are kept in a folder of its own, gone when it ends.
os.environ.setdefault("LANDING_BASE_URL", "https://landing.example")
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="glocal-bench-media-")

import database  # noqa: E402 - sets Django up on a fresh database
from figures import figure  # noqa: E402

database.setup("glocal_bench_export")

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from calendars import occurrences  # noqa: E402
from calendars.loading import load_markets, load_occasions  # noqa: E402
from calendars.locales import parse_locale  # noqa: E402
from calendars.models import Market, Occasion  # noqa: E402
from localization import brands, campaigns, demo, export, quality  # noqa: E402
from localization.export.check import gate  # noqa: E402
from localization.export.collect import collect  # noqa: E402
from localization.export.labels import load_page_catalogue  # noqa: E402
from localization.export.render import render_pages  # noqa: E402
from localization.export.write import bundle_files, write_zip, zip_timestamp  # noqa: E402
from localization.models import CopyVariant, Review, SellerDetails, State  # noqa: E402

ARGUMENTS = [argument for argument in sys.argv[1:] if not argument.startswith("--")]
CAMPAIGNS = int(ARGUMENTS[0]) if ARGUMENTS else 20
PROFILE = "--profile" in sys.argv
REPEATS = 3
MARKETS = 50
TARGET_PAGES_PER_SECOND = 500
TARGET_RATIO = 3

# Twenty more markets beside the catalogue's thirty, each with a locale of its own.
EXTRA_MARKETS = [
    ("IE", "en-IE", "EUR", "europe"), ("NZ", "en-NZ", "NZD", "southeast-asia"), ("ZA", "en-ZA", "ZAR", "europe"),
    ("AT", "de-AT", "EUR", "europe"), ("CH", "de-CH", "CHF", "europe"), ("BE", "fr-BE", "EUR", "europe"),
    ("LU", "fr-LU", "EUR", "europe"), ("PT", "pt-PT", "EUR", "europe"), ("PE", "es-PE", "PEN", "latin-america"),
    ("EC", "es-EC", "USD", "latin-america"), ("UY", "es-UY", "UYU", "latin-america"), ("QA", "ar-QA", "QAR", "middle-east"),
    ("KW", "ar-KW", "KWD", "middle-east"), ("BH", "ar-BH", "BHD", "middle-east"), ("OM", "ar-OM", "OMR", "middle-east"),
    ("JO", "ar-JO", "JOD", "middle-east"), ("KE", "en-KE", "KES", "south-asia"), ("NG", "en-NG", "NGN", "south-asia"),
    ("GT", "es-GT", "GTQ", "latin-america"), ("CR", "es-CR", "CRC", "latin-america"),
]

# Copy per language: what a reviewer approved (the checks find no error in it).
COPY = {
    "en": ("A gift that arrives in time", "Beautiful gifts from {price}.", "Shop gifts", "Gifts that arrive in time",
           "Gifts from {price}, delivered in time.", "Material: sterling silver\nWeight: 12 g", "Anniversaries\nBirthdays"),
    "es": ("Un regalo que llega a tiempo", "Regalos hermosos desde {price}.", "Ver regalos", "Regalos que llegan a tiempo",
           "Regalos desde {price}, entregados a tiempo.", "Material: plata de ley\nPeso: 12 g", "Aniversarios\nCumpleaños"),
    "pt": ("Um presente que chega a tempo", "Presentes lindos a partir de {price}.", "Ver presentes", "Presentes que chegam a tempo",
           "Presentes a partir de {price}, entregues a tempo.", "Material: prata de lei\nPeso: 12 g", "Aniversários\nNamoro"),
    "de": ("Ein Geschenk, das rechtzeitig ankommt", "Schöne Geschenke ab {price}.", "Geschenke ansehen", "Geschenke, die rechtzeitig ankommen",
           "Geschenke ab {price}, pünktlich geliefert.", "Material: Sterlingsilber\nGewicht: 12 g", "Jahrestage\nGeburtstage"),
    "fr": ("Un cadeau qui arrive à temps", "De beaux cadeaux dès {price}.", "Voir les cadeaux", "Des cadeaux qui arrivent à temps",
           "Des cadeaux dès {price}, livrés à temps.", "Matière : argent massif\nPoids : 12 g", "Anniversaires\nFêtes"),
    "it": ("Un regalo che arriva in tempo", "Regali splendidi da {price}.", "Scopri i regali", "Regali che arrivano in tempo",
           "Regali da {price}, consegnati in tempo.", "Materiale: argento sterling\nPeso: 12 g", "Anniversari\nCompleanni"),
    "nl": ("Een cadeau dat op tijd komt", "Mooie cadeaus vanaf {price}.", "Bekijk cadeaus", "Cadeaus die op tijd komen",
           "Cadeaus vanaf {price}, op tijd bezorgd.", "Materiaal: sterling zilver\nGewicht: 12 g", "Jubilea\nVerjaardagen"),
    "pl": ("Prezent, który dotrze na czas", "Piękne prezenty od {price}.", "Zobacz prezenty", "Prezenty, które dotrą na czas",
           "Prezenty od {price}, dostarczone na czas.", "Materiał: srebro próby 925\nWaga: 12 g", "Rocznice\nUrodziny"),
    "ar": ("هدية تصل في الوقت المناسب", "هدايا جميلة ابتداءً من {price}.", "تسوق الهدايا", "هدايا تصل في الوقت المناسب",
           "هدايا ابتداءً من {price} تصل في الوقت المناسب.", "المادة: فضة استرليني", "الذكرى السنوية\nأعياد الميلاد"),
    "tr": ("Zamanında gelen bir hediye", "{price} fiyatından başlayan güzel hediyeler.", "Hediyeleri gör", "Zamanında gelen hediyeler",
           "{price} fiyatından başlayan hediyeler, zamanında teslim.", "Malzeme: gümüş\nAğırlık: 12 g", "Yıldönümleri\nDoğum günleri"),
    "hi": ("समय पर पहुँचने वाला तोहफ़ा", "{price} से शुरू होने वाले सुंदर तोहफ़े।", "तोहफ़े देखें", "समय पर पहुँचने वाले तोहफ़े",
           "{price} से शुरू होने वाले तोहफ़े, समय पर डिलीवरी।", "सामग्री: चाँदी", "सालगिरह\nजन्मदिन"),
    "id": ("Hadiah yang tiba tepat waktu", "Hadiah indah mulai {price}.", "Lihat hadiah", "Hadiah yang tiba tepat waktu",
           "Hadiah mulai {price}, dikirim tepat waktu.", "Bahan: perak sterling\nBerat: 12 g", "Hari jadi\nUlang tahun"),
    "th": ("ของขวัญที่มาถึงทันเวลา", "ของขวัญสวยงามเริ่มต้น {price}", "ดูของขวัญ", "ของขวัญที่มาถึงทันเวลา",
           "ของขวัญเริ่มต้น {price} จัดส่งทันเวลา", "วัสดุ: เงินสเตอร์ลิง", "วันครบรอบ\nวันเกิด"),
    "vi": ("Món quà đến đúng lúc", "Quà tặng đẹp từ {price}.", "Xem quà tặng", "Quà tặng đến đúng lúc",
           "Quà tặng từ {price}, giao đúng hẹn.", "Chất liệu: bạc\nTrọng lượng: 12 g", "Kỷ niệm\nSinh nhật"),
    "ms": ("Hadiah yang tiba tepat pada masanya", "Hadiah cantik dari {price}.", "Lihat hadiah", "Hadiah yang tiba tepat pada masanya",
           "Hadiah dari {price}, dihantar tepat pada masanya.", "Bahan: perak sterling\nBerat: 12 g", "Ulang tahun\nHari jadi"),
    "ja": ("記念日に間に合う贈り物", "{price}から選べる素敵なギフト。", "ギフトを見る", "記念日に間に合うギフト",
           "{price}からのギフトを記念日に間に合うようお届けします。", "素材：スターリングシルバー", "記念日\n誕生日"),
    "ko": ("제때 도착하는 선물", "{price}부터 만나는 아름다운 선물.", "선물 보기", "제때 도착하는 선물",
           "{price}부터 시작하는 선물, 제때 배송.", "소재: 스털링 실버", "기념일\n생일"),
    "zh": ("准时送达的礼物", "精美礼物{price}起。", "查看礼物", "准时送达的礼物", "礼物{price}起，准时送达。", "材质：纯银", "纪念日\n生日"),
}
# The product image's description per language (its text alternative on the page).
IMAGE_ALT = {
    "en": "A silver heart pendant in a red gift box", "es": "Un dije de corazón de plata en una caja de regalo roja",
    "pt": "Um pingente de coração de prata numa caixa de presente vermelha", "de": "Ein silberner Herzanhänger in einer roten Geschenkbox",
    "fr": "Un pendentif cœur en argent dans un coffret cadeau rouge", "it": "Un ciondolo a cuore d’argento in una scatola regalo rossa",
    "nl": "Een zilveren hartjeshanger in een rode cadeaudoos", "pl": "Srebrny wisiorek w kształcie serca w czerwonym pudełku",
    "ar": "قلادة قلب فضية في علبة هدايا حمراء", "tr": "Kırmızı bir hediye kutusunda gümüş kalp kolye",
    "hi": "लाल उपहार बॉक्स में चाँदी का दिल वाला लॉकेट", "id": "Liontin hati perak dalam kotak hadiah merah",
    "th": "จี้รูปหัวใจสีเงินในกล่องของขวัญสีแดง", "vi": "Mặt dây chuyền trái tim bằng bạc trong hộp quà màu đỏ",
    "ms": "Loket hati perak dalam kotak hadiah merah", "ja": "赤いギフトボックスに入ったシルバーのハートペンダント",
    "ko": "빨간 선물 상자에 담긴 은색 하트 펜던트", "zh": "红色礼盒中的银色心形吊坠",
}
COPY = {language: (*texts, IMAGE_ALT[language]) for language, texts in COPY.items()}
FIELDS = ("headline", "body", "call_to_action", "seo_title", "seo_description", "specifications", "usage_scenes", "image_alt")
SOURCE = dict(zip(FIELDS, COPY["en"]))


def seed():
    load_markets()
    for code, locale, currency, region in EXTRA_MARKETS:
        Market.objects.get_or_create(
            code=code, defaults={"name": code, "name_en": code, "region": region, "primary_locale": locale, "currency": currency,
                                 "time_zone": "UTC", "payment_methods": ["Credit card", "Cash on delivery"], "delivery_days": 5},
        )
    load_occasions()
    load_page_catalogue()
    # The brand's legal details, for every market: all that each market's law asks for.
    SellerDetails.objects.create(
        legal_name="Gifts Trading Ltd.", represented_by="Mei Lin", address="1 Harbour Road, Shenzhen", email="service@gifts.example",
        phone="+86 755 0000 0000", company_id="12.345.678/0001-90", commercial_registration="1010123456",
        shipping="Free shipping", returns="Returns within 14 days",
    )
    brand = demo.seed_brand()
    markets = list(Market.objects.order_by("code"))[:MARKETS]
    occurrences.materialize([2027], markets=markets)
    manager = get_user_model().objects.create_user("bench-manager", is_staff=True, is_superuser=True)
    reviewer = get_user_model().objects.create_user("bench-reviewer", is_staff=True)
    valentines = Occasion.objects.get(slug="valentines-day")
    made, product_image = [], demo.demo_product_image()
    for number in range(CAMPAIGNS):
        campaign = campaigns.create_campaign(
            user=manager, markets=markets, slug=f"gifts-{number:02d}", name=f"Gifts {number}", occasion=valentines,
            discount_percent=15, brand=brand, **SOURCE,
        )
        brands.add_product_image(campaign=campaign, name="gift-box.png", data=product_image)
        campaign.campaign_markets.update(price=Decimal("49.90"), prior_price=Decimal("54.90"), shop_url="https://shop.example/gifts")
        approve_all(campaign, reviewer)
        made.append(campaign)
    return made


def approve_all(campaign, reviewer):
    """The copy as reviewers approved it (set in bulk: the bench measures the export, not the review)."""
    reviews = []
    for variant in campaign.variants.select_related("market"):
        copy = dict(zip(FIELDS, COPY[parse_locale(variant.locale).language]))
        for name, text in copy.items():
            setattr(variant, name, text)
        variant.state, variant.version, variant.reviewer = State.APPROVED, 3, reviewer
        variant.save()
        reviews.append(Review(
            variant=variant, action=Review.Action.APPROVE, actor=reviewer, from_state=State.IN_REVIEW, to_state=State.APPROVED,
            variant_version=3, source_version=variant.source_version, copy=variant.copy_fields(),
        ))
    Review.objects.bulk_create(reviews)


def export_all(campaign_list, folder):
    pages = 0
    for campaign in campaign_list:
        result = export.build_bundle(campaign=campaign, out=folder / f"{campaign.slug}.zip")
        pages += len(result.bundle.pages)
    return pages


def steps(campaign_list, folder):
    """Each step's seconds over all campaigns, and the bundles' files for the bare-zip baseline."""
    timings = dict.fromkeys(["collect", "render", "check", "write"], 0.0)
    everything = []
    glossary = quality.current_glossary()
    for campaign in campaign_list:
        started = time.perf_counter()
        bundle = collect(campaign)
        collected = time.perf_counter()
        rendered = render_pages(bundle)
        files = bundle_files(bundle, rendered)
        rendered_at = time.perf_counter()
        assert gate(bundle, rendered, glossary=glossary, sitemap_xml=files["sitemap.xml"].decode()) == []
        checked = time.perf_counter()
        with open(folder / f"{campaign.slug}-steps.zip", "wb") as stream:
            write_zip(files, stream, timestamp=zip_timestamp(bundle.generated_at))
        written = time.perf_counter()
        timings["collect"] += collected - started
        timings["render"] += rendered_at - collected
        timings["check"] += checked - rendered_at
        timings["write"] += written - checked
        everything.append((files, zip_timestamp(bundle.generated_at)))
    return timings, everything


def bare_zip(everything, folder):
    started = time.perf_counter()
    for number, (files, timestamp) in enumerate(everything):
        with open(folder / f"bare-{number}.zip", "wb") as stream:
            write_zip(files, stream, timestamp=timestamp)
    return time.perf_counter() - started


def queries_of(campaign, folder, markets):
    with CaptureQueriesContext(connection) as captured:
        export.build_bundle(campaign=campaign, out=folder / "queries.zip", markets=markets)
    return len(captured.captured_queries)


def main():
    print(f"Seeding {CAMPAIGNS} campaigns x {MARKETS} markets ...", flush=True)
    campaign_list = seed()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        # Queries: a fresh campaign exported for 10 markets, then for all 50 (publishing as it goes) ...
        probe = campaign_list[0]
        codes = list(probe.campaign_markets.order_by("market__code").values_list("market__code", flat=True))
        first_10, first_50 = queries_of(probe, folder, codes[:10]), None
        CopyVariant.objects.filter(campaign=probe, state=State.PUBLISHED).update(state=State.APPROVED)
        first_50 = queries_of(probe, folder, codes)
        # ... and again, when every variant is already published.
        again_10, again_50 = queries_of(probe, folder, codes[:10]), queries_of(probe, folder, codes)
        CopyVariant.objects.filter(campaign=probe).update(state=State.APPROVED)

        started = time.perf_counter()
        pages = export_all(campaign_list, folder)
        first = time.perf_counter() - started
        again_runs, baseline_runs, timings = [], [], {}
        for _ in range(REPEATS):
            started = time.perf_counter()
            export_all(campaign_list, folder)
            again_runs.append(time.perf_counter() - started)
            step_timings, everything = steps(campaign_list, folder)
            timings = {name: min(seconds, timings.get(name, seconds)) for name, seconds in step_timings.items()}
            baseline_runs.append(bare_zip(everything, folder))
        again, baseline = min(again_runs), min(baseline_runs)
        size = sum(len(data) for files, _ in everything for data in files.values())
        if PROFILE:
            profile = cProfile.Profile()
            profile.runcall(export_all, campaign_list, folder)

    print(f"Export of {pages} pages ({CAMPAIGNS} campaigns x {MARKETS} markets, {size / 1e6:.1f} MB of files):")
    print(f"  first export (publishes the copy): {first:.2f} s = {pages / first:,.0f} pages/s")
    print(f"  again (already published):         {again:.2f} s = {pages / again:,.0f} pages/s  (target >= {TARGET_PAGES_PER_SECOND}; "
          f"best of {REPEATS}: {', '.join(f'{run:.2f}' for run in again_runs)} s)")
    print("  steps, best of each: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in timings.items()))
    print(f"  the same bytes into zips without rendering: {baseline:.2f} s  (best of {REPEATS}: {', '.join(f'{run:.2f}' for run in baseline_runs)} s)")
    print(f"  ratio export / bare zip: {again / baseline:.1f}x again, {first / baseline:.1f}x first (target <= {TARGET_RATIO}x)")
    rest = timings["render"] + timings["check"] + timings["write"]
    print(f"  render, check and write alone (as if collecting cost nothing): {rest / baseline:.1f}x the bare zip")
    print("Queries per campaign export (one campaign):")
    print(f"  first export, 10 markets: {first_10}; 50 markets: {first_50}  (publishing too: the same for any number of markets)")
    print(f"  again,        10 markets: {again_10}; 50 markets: {again_50}  (collect and check: the same for any number of markets)")
    if PROFILE:
        print("Where an export's time goes (cProfile, one pass over every campaign, by own time):")
        pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(25)
    figure(f"export, {pages} pages: first export (publishes the copy)", f"{pages / first:,.0f} pages/s")
    figure(f"export, {pages} pages: again", f"{pages / again:,.0f} pages/s", f"at least {TARGET_PAGES_PER_SECOND}",
           pages / again >= TARGET_PAGES_PER_SECOND)
    figure("export: ratio to the bare zip (again)", f"{again / baseline:.1f} x", f"at most {TARGET_RATIO} x", again / baseline <= TARGET_RATIO)
    figure("export: queries per campaign again, 10 and 50 markets", f"{again_10} and {again_50}", "the same", again_10 == again_50)
    figure("export: queries per campaign first (publishing), 10 and 50 markets", f"{first_10} and {first_50}")
    ok = pages / again >= TARGET_PAGES_PER_SECOND and again / baseline <= TARGET_RATIO and again_10 == again_50
    print("targets met" if ok else "TARGETS MISSED")


if __name__ == "__main__":
    main()
