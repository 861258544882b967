"""The built-in occasion catalogue: what each market celebrates or shops for, and when.

Pure data, loaded by ``seed_demo`` into ``Occasion`` rows. Each entry has:

- ``slug``, ``kind`` (religious, cultural, commercial or civic);
- ``rule``: the default date-rule spec (see ``calendars.rules``), ``duration_days``
  and ``lead_days`` (how early campaigns open);
- ``names`` and ``notes`` keyed by language (en, zh-hans, pt, es, de, fr, it, nl, pl,
  ar, tr, hi, id, th, vi, ms, ja, ko); notes say what marketers must respect, and hold
  for every market that observes the occasion (each market's feed shows them);
- ``markets``: market code -> None when the market observes the default rule, or a
  dict with any of ``rule`` (a different spec), ``shift_days`` (moon sighting a day
  later than Mecca, where national holiday lists show it), ``names`` (a local
  name variant, such as "White Friday") and ``notes`` (what holds in that market only,
  keyed by language like the occasion's).

A ``relative`` rule names another occasion of this catalogue; resolve it for the
same market.
"""

LEAD_DAYS = 30

SECOND_SUNDAY_OF_MAY = {"kind": "nth_weekday", "month": 5, "weekday": 6, "n": 2}
THIRD_SUNDAY_OF_JUNE = {"kind": "nth_weekday", "month": 6, "weekday": 6, "n": 3}

# India's and Pakistan's national holiday lists put Ramadan and Eid al-Adha a day after
# Saudi Arabia in 2023, 2024 and 2025 (and India's Eid al-Fitr too; Pakistan's Eid
# al-Fitr matched Saudi Arabia in 2024, so it gets no shift).
SIGHTED_A_DAY_LATER = {"shift_days": 1}

# Notes that hold in more than one market, but not in every market observing the occasion.
WOMEN_GIVE_CHOCOLATE = (
    "Women give chocolate to men, including obligation chocolate to colleagues; men answer on "
    "White Day, 14 March."
)
GIFTS_ON_CHRISTMAS_EVE = "Gifts are opened on Christmas Eve."
GIFTS_ON_THREE_KINGS_DAY = "Gifts also come on Three Kings' Day (6 January)."
LUNAR_NEW_YEAR_INSTEAD = "The big celebration is the Lunar New Year instead."
WHITE_FRIDAY = "Sold as White Friday, since Friday is the Muslim holy day: never call it Black here."
ELEVEN_ELEVEN_SALE = "Marketplaces run it as the 11.11 sale."

OCCASIONS = [
    {
        "slug": "valentines-day",
        "kind": "cultural",
        "rule": {"kind": "fixed", "month": 2, "day": 14},
        "duration_days": 1,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Valentine's Day",
            "zh-hans": "情人节",
            "es": "Día de San Valentín",
            "de": "Valentinstag",
            "fr": "Saint-Valentin",
            "it": "San Valentino",
            "nl": "Valentijnsdag",
            "pl": "Walentynki",
            "tr": "Sevgililer Günü",
            "hi": "वैलेंटाइन डे",
            "id": "Hari Valentine",
            "th": "วันวาเลนไทน์",
            "vi": "Ngày Lễ Tình nhân",
            "ms": "Hari Kekasih",
            "ja": "バレンタインデー",
            "ko": "밸런타인데이",
        },
        "notes": {
            "en": (
                "A day for couples: cards, flowers, chocolate, jewellery and dinners out are the "
                "classic gifts."
            ),
        },
        # Brazil's day for couples is 12 June (dia-dos-namorados), not this one.
        "markets": {
            "US": None,
            "CA": None,
            "MX": {
                "names": {"es": "Día del Amor y la Amistad"},
                "notes": {"en": "Mexico calls it the Day of Love and Friendship: for friends, not only couples."},
            },
            "AR": None,
            "CO": None,
            "CL": None,
            "GB": None,
            "DE": None,
            "FR": None,
            "ES": None,
            "IT": None,
            "NL": None,
            "PL": None,
            "TR": None,
            "IN": None,
            "ID": None,
            "TH": None,
            "VN": None,
            "MY": None,
            "SG": None,
            "PH": None,
            "JP": {"notes": {"en": WOMEN_GIVE_CHOCOLATE}},
            "KR": {"notes": {"en": WOMEN_GIVE_CHOCOLATE}},
            "CN": {"notes": {"en": "It competes with Qixi, China's own lovers' day in late summer."}},
            "AU": None,
        },
    },
    {
        "slug": "dia-dos-namorados",
        "kind": "cultural",
        "rule": {"kind": "fixed", "month": 6, "day": 12},
        "duration_days": 1,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Brazilian Valentine's Day (Dia dos Namorados)",
            "zh-hans": "巴西情人节",
            "pt": "Dia dos Namorados",
        },
        "notes": {
            "en": (
                "Brazil's day for couples, the eve of Saint Anthony's day (the matchmaker saint). "
                "It is for couples only; 14 February means little in Brazil, where Carnival "
                "usually falls around then."
            ),
            "pt": "Dia dos casais, véspera de Santo Antônio; 14 de fevereiro não é a data no Brasil.",
        },
        "markets": {"BR": None},
    },
    {
        "slug": "white-day",
        "kind": "cultural",
        "rule": {"kind": "fixed", "month": 3, "day": 14},
        "duration_days": 1,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "White Day",
            "zh-hans": "白色情人节",
            "ja": "ホワイトデー",
            "ko": "화이트데이",
        },
        "notes": {
            "en": (
                "Men return the Valentine's Day gifts they received, with sweets, jewellery or "
                "accessories. Address men as buyers and women as recipients."
            ),
        },
        "markets": {
            "JP": {
                "notes": {
                    "en": "The return is expected to be worth more than the gift (\"sanbai-gaeshi\", triple return).",
                },
            },
            "KR": None,
        },
    },
    {
        "slug": "qixi",
        "kind": "cultural",
        "rule": {"kind": "chinese", "month": 7, "day": 7},
        "duration_days": 1,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Qixi Festival (Chinese Valentine's Day)",
            "zh-hans": "七夕节",
        },
        "notes": {
            "en": (
                "The 7th day of the 7th lunar month, from the legend of the Cowherd and the Weaver "
                "Girl who meet once a year on a bridge of magpies. Couples' gifts: flowers, "
                "jewellery, cosmetics. Avoid the number 4 in prices and bundles."
            ),
            "zh-hans": "农历七月初七，牛郎织女鹊桥相会。情侣送礼：鲜花、珠宝、化妆品。价格和套装避免数字4。",
        },
        "markets": {"CN": None},
    },
    {
        "slug": "ramadan",
        "kind": "religious",
        "rule": {"kind": "hijri", "month": 9, "whole_month": True},
        "duration_days": 30,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Ramadan",
            "zh-hans": "斋月",
            "ar": "رمضان",
            "tr": "Ramazan",
            "hi": "रमज़ान",
            "id": "Ramadan",
            "ms": "Ramadan",
        },
        "notes": {
            "en": (
                "Muslims fast from dawn to sunset: no daytime eating or drinking imagery; show "
                "the evening iftar and the pre-dawn suhoor instead. Modest clothing and imagery, "
                "no alcohol, no pork, nothing flippant about faith. Shopping and screen time move "
                "to the evening and night and peak in the last ten days before Eid. The start "
                "depends on moon sighting: dates are estimated until announced. Greeting: "
                "\"Ramadan Kareem\"."
            ),
            "ar": "صيام من الفجر إلى المغرب: لا صور طعام أو شراب نهارًا، واحتشام في الصور. التسوق يبلغ ذروته ليلًا وفي العشر الأواخر.",
        },
        "markets": {
            "SA": None,
            "AE": None,
            "EG": None,
            "TR": None,
            "PK": SIGHTED_A_DAY_LATER,
            "IN": SIGHTED_A_DAY_LATER,
            "ID": None,
            "MY": None,
            "SG": None,
        },
    },
    {
        "slug": "eid-al-fitr",
        "kind": "religious",
        "rule": {"kind": "hijri", "month": 10, "day": 1},
        "duration_days": 3,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Eid al-Fitr",
            "zh-hans": "开斋节",
            "ar": "عيد الفطر",
            "tr": "Ramazan Bayramı",
            "hi": "ईद-उल-फ़ित्र",
            "id": "Idulfitri",
            "ms": "Hari Raya Aidilfitri",
        },
        "notes": {
            "en": (
                "The feast ending Ramadan: new clothes, sweets, family visits, gifts and cash for "
                "children. The day depends on moon sighting and is confirmed the evening before. "
                "Greeting: \"Eid Mubarak\"."
            ),
        },
        "markets": {
            "SA": None,
            "AE": None,
            "EG": None,
            "TR": None,
            "PK": None,
            "IN": SIGHTED_A_DAY_LATER,
            "ID": {
                "names": {"en": "Eid al-Fitr (Lebaran)"},
                "notes": {"en": "Millions travel home (mudik) and deliveries stop for days: set order cut-offs early."},
            },
            "MY": None,
            "SG": {"names": {"en": "Hari Raya Puasa"}},
        },
    },
    {
        "slug": "eid-al-adha",
        "kind": "religious",
        "rule": {"kind": "hijri", "month": 12, "day": 10},
        "duration_days": 3,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Eid al-Adha",
            "zh-hans": "宰牲节",
            "ar": "عيد الأضحى",
            "tr": "Kurban Bayramı",
            "hi": "ईद-उल-अज़हा",
            "id": "Iduladha",
            "ms": "Hari Raya Aidiladha",
        },
        "notes": {
            "en": (
                "The Feast of the Sacrifice, at the end of the Hajj. Families share sacrificed "
                "meat with the poor: keep animal imagery respectful and never comic. Modest "
                "imagery; travel and family gatherings. The day depends on moon sighting."
            ),
        },
        "markets": {
            "SA": None,
            "AE": None,
            "EG": None,
            "TR": None,
            "PK": SIGHTED_A_DAY_LATER,
            "IN": SIGHTED_A_DAY_LATER,
            "ID": None,
            "MY": None,
            "SG": {"names": {"en": "Hari Raya Haji"}},
        },
    },
    {
        "slug": "diwali",
        "kind": "religious",
        "rule": {"kind": "hindu", "festival": "diwali"},
        "duration_days": 1,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Diwali",
            "zh-hans": "排灯节",
            "hi": "दीपावली",
            "ms": "Deepavali",
        },
        "notes": {
            "en": (
                "The festival of lights: sweets, dry fruit, gold, clothes, electronics and home "
                "goods are given and bought. Lamps (diyas), rangoli and Lakshmi, goddess of "
                "wealth. Avoid leather and beef products as gifts, and treat deities' images "
                "with respect."
            ),
        },
        "markets": {
            "IN": {
                "notes": {
                    "en": "The year's biggest shopping season; many firms pay festival bonuses before it.",
                },
            },
            "SG": {"names": {"en": "Deepavali"}},
            "MY": {"names": {"en": "Deepavali"}},
        },
    },
    {
        "slug": "dhanteras",
        "kind": "religious",
        "rule": {"kind": "hindu", "festival": "dhanteras"},
        "duration_days": 1,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Dhanteras",
            "zh-hans": "Dhanteras（排灯节首日）",
            "hi": "धनतेरस",
        },
        "notes": {
            "en": (
                "The first day of the Diwali festival, auspicious for buying gold, silver, "
                "utensils and new household goods: the peak day for jewellery sales."
            ),
        },
        "markets": {"IN": None},
    },
    {
        "slug": "holi",
        "kind": "religious",
        "rule": {"kind": "hindu", "festival": "holi"},
        "duration_days": 1,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Holi",
            "zh-hans": "洒红节",
            "hi": "होली",
        },
        "notes": {
            "en": (
                "The festival of colours, the day after the Holika bonfire: bright colours, "
                "water play, sweets and gatherings. Keep humour light: nothing that mocks "
                "the festival or makes light of colour thrown on people who did not want it."
            ),
        },
        "markets": {"IN": None},
    },
    {
        "slug": "lunar-new-year",
        "kind": "cultural",
        "rule": {"kind": "chinese", "month": 1, "day": 1},
        "duration_days": 1,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Lunar New Year",
            "zh-hans": "春节",
            "vi": "Tết Nguyên Đán",
            "ko": "설날",
            "ms": "Tahun Baru Cina",
            "id": "Tahun Baru Imlek",
        },
        "notes": {
            "en": (
                "Red and gold, the year's zodiac animal, red envelopes of money; 8 is lucky. "
                "Avoid the number 4 (it sounds like \"death\" in Chinese and Korean), clocks as "
                "gifts, and white or black wrapping."
            ),
            "zh-hans": "红色与金色、生肖、红包；8吉利。避免数字4、送钟、白色或黑色包装。",
        },
        "markets": {
            "CN": {
                "names": {"en": "Spring Festival"},
                "notes": {
                    "en": "Factories and couriers stop for one to two weeks around it: plan stock and order cut-offs.",
                    "zh-hans": "春节前后工厂和快递停工一到两周，请提前备货。",
                },
            },
            "VN": {
                "rule": {"kind": "chinese", "month": 1, "day": 1, "calendar": "vietnamese"},
                "notes": {"en": "Tết: lì xì envelopes of lucky money."},
            },
            "KR": {
                "rule": {"kind": "chinese", "month": 1, "day": 1, "calendar": "korean"},
                "names": {"en": "Seollal"},
                "notes": {"en": "Seollal: gift sets and hanbok."},
            },
            "SG": {"names": {"en": "Chinese New Year"}},
            "MY": {"names": {"en": "Chinese New Year"}},
            "ID": None,
        },
    },
    {
        "slug": "mid-autumn",
        "kind": "cultural",
        "rule": {"kind": "chinese", "month": 8, "day": 15},
        "duration_days": 1,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Mid-Autumn Festival",
            "zh-hans": "中秋节",
            "vi": "Tết Trung Thu",
            "ko": "추석",
        },
        "notes": {
            "en": (
                "Family reunion under the full moon; mooncakes in gift boxes are the classic "
                "gift. Avoid the number 4 in box sizes and prices."
            ),
        },
        "markets": {
            "CN": None,
            "SG": None,
            "MY": None,
            "VN": {
                "rule": {"kind": "chinese", "month": 8, "day": 15, "calendar": "vietnamese"},
                "notes": {"en": "A children's festival with lanterns."},
            },
            "KR": {
                "rule": {"kind": "chinese", "month": 8, "day": 15, "calendar": "korean"},
                "names": {"en": "Chuseok"},
                "notes": {"en": "Chuseok: a three-day holiday of travel home and gift sets (fruit, meat, health products)."},
            },
        },
    },
    {
        "slug": "songkran",
        "kind": "cultural",
        "rule": {"kind": "fixed", "month": 4, "day": 13},
        "duration_days": 3,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Songkran (Thai New Year)",
            "zh-hans": "宋干节（泼水节）",
            "th": "สงกรานต์",
        },
        "notes": {
            "en": (
                "Thai New Year, 13-15 April: water splashing, merit-making at temples, pouring "
                "scented water on elders' hands. Never use Buddha images as decoration or in a "
                "playful context. Many people travel to their home provinces: deliveries slow."
            ),
        },
        "markets": {"TH": None},
    },
    {
        "slug": "carnival",
        "kind": "cultural",
        "rule": {"kind": "easter", "offset_days": -50},
        "duration_days": 5,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Carnival",
            "zh-hans": "狂欢节",
            "pt": "Carnaval",
        },
        "notes": {
            "en": (
                "From the Saturday before Lent to Ash Wednesday (Easter - 50 to Easter - 46). "
                "Much of Brazil stops: customer service and deliveries pause in many cities. "
                "Costumes, music and travel sell; avoid costumes that caricature ethnic groups."
            ),
        },
        "markets": {"BR": None},
    },
    {
        "slug": "mothers-day",
        "kind": "cultural",
        "rule": SECOND_SUNDAY_OF_MAY,
        "duration_days": 1,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Mother's Day",
            "zh-hans": "母亲节",
            "pt": "Dia das Mães",
            "es": "Día de la Madre",
            "de": "Muttertag",
            "fr": "Fête des mères",
            "it": "Festa della mamma",
            "nl": "Moederdag",
            "pl": "Dzień Matki",
            "ar": "عيد الأم",
            "tr": "Anneler Günü",
            "hi": "मातृ दिवस",
            "id": "Hari Ibu",
            "th": "วันแม่",
            "ms": "Hari Ibu",
            "ja": "母の日",
            "ko": "어버이날",
        },
        "notes": {
            "en": (
                "The date differs by market: check each one. Offer an opt-out from Mother's Day "
                "e-mails to people who have lost their mother."
            ),
        },
        "markets": {
            "US": None,
            "CA": None,
            "BR": None,
            "JP": None,
            "DE": None,
            "IN": None,
            "IT": None,
            "NL": None,
            "TR": None,
            "AU": None,
            "CN": None,
            "SG": None,
            "MY": None,
            "PH": None,
            "PK": None,
            "MX": {"rule": {"kind": "fixed", "month": 5, "day": 10}},
            "GB": {
                "rule": {"kind": "easter", "offset_days": -21},
                "names": {"en": "Mothering Sunday"},
                "notes": {"en": "Mothering Sunday is three weeks before Easter."},
            },
            "FR": {
                "rule": {
                    "kind": "nth_weekday",
                    "month": 5,
                    "weekday": 6,
                    "n": -1,
                    "unless_easter_offset": 49,
                    "instead": {"month": 6, "n": 1},
                },
                "notes": {"en": "It moves to the first Sunday of June when the last Sunday of May is Pentecost."},
            },
            "ES": {"rule": {"kind": "nth_weekday", "month": 5, "weekday": 6, "n": 1}},
            "AR": {"rule": {"kind": "nth_weekday", "month": 10, "weekday": 6, "n": 3}},
            "PL": {"rule": {"kind": "fixed", "month": 5, "day": 26}},
            "AE": {"rule": {"kind": "fixed", "month": 3, "day": 21}},
            "SA": {"rule": {"kind": "fixed", "month": 3, "day": 21}},
            "EG": {"rule": {"kind": "fixed", "month": 3, "day": 21}},
            "TH": {
                "rule": {"kind": "fixed", "month": 8, "day": 12},
                "notes": {"en": "The Queen Mother's birthday: royal imagery must be respectful."},
            },
            "ID": {"rule": {"kind": "fixed", "month": 12, "day": 22}},
            "KR": {
                "rule": {"kind": "fixed", "month": 5, "day": 8},
                "names": {"en": "Parents' Day"},
                "notes": {"en": "8 May is Parents' Day, for both parents."},
            },
        },
    },
    {
        "slug": "fathers-day",
        "kind": "cultural",
        "rule": THIRD_SUNDAY_OF_JUNE,
        "duration_days": 1,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Father's Day",
            "zh-hans": "父亲节",
            "pt": "Dia dos Pais",
            "es": "Día del Padre",
            "de": "Vatertag",
            "fr": "Fête des pères",
            "it": "Festa del papà",
            "nl": "Vaderdag",
            "pl": "Dzień Ojca",
            "tr": "Babalar Günü",
            "hi": "पितृ दिवस",
            "th": "วันพ่อ",
            "ms": "Hari Bapa",
            "ja": "父の日",
        },
        "notes": {
            "en": (
                "The date differs by market: check each one. Offer an opt-out from Father's Day "
                "e-mails."
            ),
        },
        "markets": {
            "US": None,
            "CA": None,
            "GB": None,
            "FR": None,
            "JP": None,
            "IN": None,
            "MX": None,
            "AR": None,
            "CO": None,
            "NL": None,
            "TR": None,
            "CN": None,
            "SG": None,
            "MY": None,
            "PH": None,
            "PK": None,
            "BR": {"rule": {"kind": "nth_weekday", "month": 8, "weekday": 6, "n": 2}},
            "DE": {
                "rule": {"kind": "easter", "offset_days": 39},
                "notes": {"en": "Vatertag is Ascension Day, better known for men's outings than for gifts."},
            },
            "AU": {"rule": {"kind": "nth_weekday", "month": 9, "weekday": 6, "n": 1}},
            "IT": {"rule": {"kind": "fixed", "month": 3, "day": 19}, "notes": {"en": "Saint Joseph's day, 19 March."}},
            "ES": {"rule": {"kind": "fixed", "month": 3, "day": 19}, "notes": {"en": "Saint Joseph's day, 19 March."}},
            "PL": {"rule": {"kind": "fixed", "month": 6, "day": 23}},
            "TH": {
                "rule": {"kind": "fixed", "month": 12, "day": 5},
                "notes": {"en": "The late King Bhumibol's birthday: royal imagery must be respectful."},
            },
        },
    },
    {
        "slug": "black-friday",
        "kind": "commercial",
        "rule": {"kind": "nth_weekday", "month": 11, "weekday": 3, "n": 4, "offset_days": 1},
        "duration_days": 1,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Black Friday",
            "zh-hans": "黑色星期五",
            "pt": "Black Friday",
            "es": "Black Friday",
            "de": "Black Friday",
            "fr": "Black Friday",
            "it": "Black Friday",
            "nl": "Black Friday",
            "pl": "Black Friday",
            "tr": "Black Friday",
            "hi": "ब्लैक फ्राइडे",
            "vi": "Black Friday",
            "ms": "Black Friday",
            "ja": "ブラックフライデー",
        },
        "notes": {
            "en": (
                "The day after US Thanksgiving (the 4th Thursday of November); sales now run "
                "all week or all month. Consumer authorities watch reference prices: show the real "
                "previous price."
            ),
        },
        "markets": {
            "US": None,
            "CA": {"names": {"fr": "Vendredi fou"}},
            "MX": None,
            "BR": None,
            "AR": None,
            "CO": None,
            "CL": None,
            "GB": None,
            "DE": None,
            "FR": None,
            "ES": None,
            "IT": None,
            "NL": None,
            "PL": None,
            "TR": None,
            "SA": {"names": {"en": "White Friday", "ar": "الجمعة البيضاء"}, "notes": {"en": WHITE_FRIDAY}},
            "AE": {"names": {"en": "White Friday", "ar": "الجمعة البيضاء"}, "notes": {"en": WHITE_FRIDAY}},
            "EG": {"names": {"en": "White Friday", "ar": "الجمعة البيضاء"}, "notes": {"en": WHITE_FRIDAY}},
            "PK": {"names": {"en": "White Friday"}, "notes": {"en": WHITE_FRIDAY}},
            "IN": None,
            "VN": None,
            "MY": None,
            "SG": None,
            "PH": None,
            "JP": None,
            "AU": None,
        },
    },
    {
        "slug": "cyber-monday",
        "kind": "commercial",
        "rule": {"kind": "relative", "occasion": "black-friday", "offset_days": 3},
        "duration_days": 1,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Cyber Monday",
            "zh-hans": "网络星期一",
            "pt": "Cyber Monday",
            "es": "Cyber Monday",
            "de": "Cyber Monday",
            "fr": "Cyber Monday",
            "it": "Cyber Monday",
            "nl": "Cyber Monday",
            "pl": "Cyber Monday",
        },
        "notes": {
            "en": "The Monday after Black Friday, for online shops.",
        },
        # Argentina and Chile hold their own online sales (CyberMonday, CyberDay) on other
        # dates; they are not this day, so neither market observes it.
        "markets": {
            "US": None,
            "CA": {"names": {"fr": "Cyberlundi"}},
            "BR": None,
            "GB": None,
            "DE": None,
            "FR": None,
            "ES": None,
            "IT": None,
            "NL": None,
            "PL": None,
            "AU": None,
        },
    },
    {
        "slug": "el-buen-fin",
        "kind": "commercial",
        "rule": {"kind": "nth_weekday", "month": 11, "weekday": 0, "n": 3, "offset_days": -3},
        "duration_days": 4,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "El Buen Fin",
            "zh-hans": "墨西哥“好周末”购物节（El Buen Fin）",
            "es": "El Buen Fin",
        },
        "notes": {
            "en": (
                "Mexico's national sale, Friday to Monday, ending on the Revolution Day holiday "
                "(3rd Monday of November). The organisers announce the dates each year and have "
                "made it longer in some years: confirm them. Profeco watches prices and "
                "interest-free instalments (meses sin intereses) are expected."
            ),
            "es": "Del viernes al lunes festivo del Día de la Revolución. Confirme las fechas anunciadas cada año; la Profeco vigila los precios.",
        },
        "markets": {"MX": None},
    },
    {
        "slug": "singles-day",
        "kind": "commercial",
        "rule": {"kind": "fixed", "month": 11, "day": 11},
        "duration_days": 1,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Singles' Day (11.11)",
            "zh-hans": "双十一",
        },
        "notes": {
            "en": (
                "The world's largest online shopping day, started by Alibaba. Write the date as "
                "11.11 everywhere: it is the brand."
            ),
        },
        "markets": {
            "CN": {"notes": {"en": "Presales begin in October."}},
            "SG": {"notes": {"en": ELEVEN_ELEVEN_SALE}},
            "MY": {"notes": {"en": ELEVEN_ELEVEN_SALE}},
            "ID": {"notes": {"en": ELEVEN_ELEVEN_SALE}},
            "TH": {"notes": {"en": ELEVEN_ELEVEN_SALE}},
            "VN": {"notes": {"en": ELEVEN_ELEVEN_SALE}},
            "PH": {"notes": {"en": ELEVEN_ELEVEN_SALE}},
        },
    },
    {
        "slug": "double-twelve",
        "kind": "commercial",
        "rule": {"kind": "fixed", "month": 12, "day": 12},
        "duration_days": 1,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "12.12 Sale (Double Twelve)",
            "zh-hans": "双十二",
            "id": "Harbolnas",
        },
        "notes": {
            "en": "The year-end marketplace sale.",
        },
        "markets": {
            "CN": None,
            "SG": None,
            "MY": None,
            "TH": None,
            "VN": None,
            "PH": None,
            "ID": {
                "names": {"en": "Harbolnas (National Online Shopping Day)"},
                "notes": {"en": "Run as Harbolnas, the National Online Shopping Day."},
            },
        },
    },
    {
        "slug": "golden-week",
        "kind": "civic",
        "rule": {"kind": "fixed", "month": 4, "day": 29},
        "duration_days": 7,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Golden Week",
            "zh-hans": "黄金周（日本）",
            "ja": "ゴールデンウィーク",
        },
        "notes": {
            "en": (
                "A run of Japanese public holidays, 29 April to 5 May: travel and leisure peak, "
                "many offices close and deliveries slow. Children's Day (5 May) suits family "
                "products."
            ),
        },
        "markets": {"JP": None},
    },
    {
        "slug": "christmas",
        "kind": "religious",
        "rule": {"kind": "fixed", "month": 12, "day": 25},
        "duration_days": 1,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "Christmas",
            "zh-hans": "圣诞节",
            "pt": "Natal",
            "es": "Navidad",
            "de": "Weihnachten",
            "fr": "Noël",
            "it": "Natale",
            "nl": "Kerstmis",
            "pl": "Boże Narodzenie",
            "hi": "क्रिसमस",
            "vi": "Giáng sinh",
            "ms": "Hari Krismas",
            "ja": "クリスマス",
            "ko": "크리스마스",
        },
        "notes": {
            "en": "Publish shipping cut-off dates.",
        },
        "markets": {
            "US": None,
            "CA": None,
            "MX": {"notes": {"en": f"{GIFTS_ON_CHRISTMAS_EVE} {GIFTS_ON_THREE_KINGS_DAY}"}},
            "BR": {"notes": {"en": GIFTS_ON_CHRISTMAS_EVE}},
            "AR": {"notes": {"en": GIFTS_ON_CHRISTMAS_EVE}},
            "CO": {"notes": {"en": GIFTS_ON_CHRISTMAS_EVE}},
            "CL": {"notes": {"en": GIFTS_ON_CHRISTMAS_EVE}},
            "GB": None,
            "DE": {"notes": {"en": GIFTS_ON_CHRISTMAS_EVE}},
            "FR": None,
            "ES": {"notes": {"en": GIFTS_ON_THREE_KINGS_DAY}},
            "IT": None,
            "NL": {"notes": {"en": "Most gifts are given at Sinterklaas (5 December), not at Christmas."}},
            "PL": {"notes": {"en": GIFTS_ON_CHRISTMAS_EVE}},
            "IN": None,
            "VN": None,
            "SG": None,
            "PH": None,
            "JP": {"notes": {"en": "Christmas Eve is an evening for couples."}},
            "KR": {"notes": {"en": "Christmas Eve is an evening for couples."}},
            "AU": None,
        },
    },
    {
        "slug": "new-year",
        "kind": "civic",
        "rule": {"kind": "fixed", "month": 1, "day": 1},
        "duration_days": 1,
        "lead_days": LEAD_DAYS,
        "names": {
            "en": "New Year's Day",
            "zh-hans": "元旦",
            "pt": "Ano-Novo",
            "es": "Año Nuevo",
            "de": "Neujahr",
            "fr": "Jour de l'an",
            "it": "Capodanno",
            "nl": "Nieuwjaarsdag",
            "pl": "Nowy Rok",
            "ar": "رأس السنة الميلادية",
            "tr": "Yılbaşı",
            "hi": "नव वर्ष",
            "id": "Tahun Baru",
            "th": "วันขึ้นปีใหม่",
            "vi": "Tết Dương lịch",
            "ms": "Tahun Baru",
            "ja": "元日",
            "ko": "신정",
        },
        "notes": {
            "en": "Campaigns run in December, next to Christmas and year-end sales.",
        },
        "markets": {
            "US": None,
            "CA": None,
            "MX": None,
            "BR": None,
            "AR": None,
            "CO": None,
            "CL": None,
            "GB": None,
            "DE": None,
            "FR": None,
            "ES": None,
            "IT": None,
            "NL": None,
            "PL": None,
            "AE": None,
            "EG": None,
            "TR": None,
            "IN": None,
            "PK": None,
            "ID": None,
            "TH": None,
            "VN": {"notes": {"en": LUNAR_NEW_YEAR_INSTEAD}},
            "MY": None,
            "SG": None,
            "PH": None,
            "JP": {
                "notes": {
                    "en": (
                        "The New Year holidays are the main family holiday, with lucky-bag "
                        "(fukubukuro) sales from the first days of January."
                    ),
                },
            },
            "CN": {"notes": {"en": LUNAR_NEW_YEAR_INSTEAD}},
            "KR": {"notes": {"en": LUNAR_NEW_YEAR_INSTEAD}},
            "AU": None,
        },
    },
]
