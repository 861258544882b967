"""Market-specific remarks move from the occasions' notes to the markets' own (Observance.notes).

A catalogue loaded before this migration has, for example, New Year's notes about Japan that
every market's feed showed. Where an occasion's notes are still exactly as the catalogue wrote
them, they become the general notes and each market gets its own; notes someone edited, and
markets' notes someone wrote, stay as they are. The texts are frozen here, as the catalogue
had them at this migration.
"""
from django.db import migrations
from modeltranslation.utils import build_localized_fieldname

MOVED = {'valentines-day': {'was': {'en': 'In Japan and Korea women give chocolate to men, including obligation chocolate to '
                                  'colleagues; men answer on White Day, 14 March. Mexico calls it the Day of Love and '
                                  "Friendship: friends, not only couples. Brazil's day for couples is 12 June, not "
                                  'this one. In China it competes with Qixi.'},
                    'now': {'en': 'A day for couples: cards, flowers, chocolate, jewellery and dinners out are the '
                                  'classic gifts.'},
                    'markets': {'MX': {'en': 'Mexico calls it the Day of Love and Friendship: for friends, not only '
                                             'couples.'},
                                'JP': {'en': 'Women give chocolate to men, including obligation chocolate to '
                                             'colleagues; men answer on White Day, 14 March.'},
                                'KR': {'en': 'Women give chocolate to men, including obligation chocolate to '
                                             'colleagues; men answer on White Day, 14 March.'},
                                'CN': {'en': "It competes with Qixi, China's own lovers' day in late summer."}}},
 'white-day': {'was': {'en': "Men return the Valentine's Day gifts they received, with sweets, jewellery or "
                             'accessories; in Japan the return is expected to be worth more than the gift '
                             '("sanbai-gaeshi", triple return). Address men as buyers and women as recipients.'},
               'now': {'en': "Men return the Valentine's Day gifts they received, with sweets, jewellery or "
                             'accessories. Address men as buyers and women as recipients.'},
               'markets': {'JP': {'en': 'The return is expected to be worth more than the gift ("sanbai-gaeshi", '
                                        'triple return).'}}},
 'eid-al-fitr': {'was': {'en': 'The feast ending Ramadan: new clothes, sweets, family visits, gifts and cash for '
                               'children. In Indonesia millions travel home (mudik) and deliveries stop for days: set '
                               'order cut-offs early. The day depends on moon sighting and is confirmed the evening '
                               'before. Greeting: "Eid Mubarak".'},
                 'now': {'en': 'The feast ending Ramadan: new clothes, sweets, family visits, gifts and cash for '
                               'children. The day depends on moon sighting and is confirmed the evening before. '
                               'Greeting: "Eid Mubarak".'},
                 'markets': {'ID': {'en': 'Millions travel home (mudik) and deliveries stop for days: set order '
                                          'cut-offs early.'}}},
 'diwali': {'was': {'en': "The festival of lights, the year's biggest shopping season in India: sweets, dry fruit, "
                          'gold, clothes, electronics and home goods are given and bought. Lamps (diyas), rangoli and '
                          "Lakshmi, goddess of wealth. Avoid leather and beef products as gifts, and treat deities' "
                          'images with respect. Many firms pay festival bonuses before it.'},
            'now': {'en': 'The festival of lights: sweets, dry fruit, gold, clothes, electronics and home goods are '
                          'given and bought. Lamps (diyas), rangoli and Lakshmi, goddess of wealth. Avoid leather and '
                          "beef products as gifts, and treat deities' images with respect."},
            'markets': {'IN': {'en': "The year's biggest shopping season; many firms pay festival bonuses before "
                                     'it.'}}},
 'lunar-new-year': {'was': {'en': "Red and gold, the year's zodiac animal, red envelopes of money; 8 is lucky. Avoid "
                                  'the number 4 (it sounds like "death" in Chinese and Korean), clocks as gifts, and '
                                  'white or black wrapping. In China factories and couriers stop for one to two weeks '
                                  'around it: plan stock and order cut-offs. Korea marks it as Seollal (gift sets, '
                                  'hanbok) and Vietnam as Tết (lì xì envelopes).',
                            'zh-hans': '红色与金色、生肖、红包；8吉利。避免数字4、送钟、白色或黑色包装。春节前后工厂和快递停工一到两周，请提前备货。'},
                    'now': {'en': "Red and gold, the year's zodiac animal, red envelopes of money; 8 is lucky. Avoid "
                                  'the number 4 (it sounds like "death" in Chinese and Korean), clocks as gifts, and '
                                  'white or black wrapping.',
                            'zh-hans': '红色与金色、生肖、红包；8吉利。避免数字4、送钟、白色或黑色包装。'},
                    'markets': {'CN': {'en': 'Factories and couriers stop for one to two weeks around it: plan stock '
                                             'and order cut-offs.',
                                       'zh-hans': '春节前后工厂和快递停工一到两周，请提前备货。'},
                                'VN': {'en': 'Tết: lì xì envelopes of lucky money.'},
                                'KR': {'en': 'Seollal: gift sets and hanbok.'}}},
 'mid-autumn': {'was': {'en': 'Family reunion under the full moon; mooncakes in gift boxes are the classic gift. Avoid '
                              'the number 4 in box sizes and prices. Korea keeps it as Chuseok, a three-day holiday of '
                              "travel home and gift sets (fruit, meat, health products); in Vietnam it is a children's "
                              'festival with lanterns.'},
                'now': {'en': 'Family reunion under the full moon; mooncakes in gift boxes are the classic gift. Avoid '
                              'the number 4 in box sizes and prices.'},
                'markets': {'VN': {'en': "A children's festival with lanterns."},
                            'KR': {'en': 'Chuseok: a three-day holiday of travel home and gift sets (fruit, meat, '
                                         'health products).'}}},
 'mothers-day': {'was': {'en': "The date differs by market: check each one. Britain's Mothering Sunday is three weeks "
                               "before Easter; France's moves to June when the last Sunday of May is Pentecost; "
                               "Thailand's is the Queen Mother's birthday, so royal imagery must be respectful; "
                               "Korea's 8 May is Parents' Day, for both parents. Offer an opt-out from Mother's Day "
                               'e-mails to people who have lost their mother.'},
                 'now': {'en': "The date differs by market: check each one. Offer an opt-out from Mother's Day e-mails "
                               'to people who have lost their mother.'},
                 'markets': {'GB': {'en': 'Mothering Sunday is three weeks before Easter.'},
                             'FR': {'en': 'It moves to the first Sunday of June when the last Sunday of May is '
                                          'Pentecost.'},
                             'TH': {'en': "The Queen Mother's birthday: royal imagery must be respectful."},
                             'KR': {'en': "8 May is Parents' Day, for both parents."}}},
 'fathers-day': {'was': {'en': "The date differs by market. Germany's Vatertag is Ascension Day, better known for "
                               "men's outings than for gifts; Italy and Spain keep Saint Joseph's day, 19 March; "
                               "Thailand's is the late King Bhumibol's birthday, so royal imagery must be respectful. "
                               "Offer an opt-out from Father's Day e-mails."},
                 'now': {'en': "The date differs by market: check each one. Offer an opt-out from Father's Day "
                               'e-mails.'},
                 'markets': {'DE': {'en': "Vatertag is Ascension Day, better known for men's outings than for gifts."},
                             'IT': {'en': "Saint Joseph's day, 19 March."},
                             'ES': {'en': "Saint Joseph's day, 19 March."},
                             'TH': {'en': "The late King Bhumibol's birthday: royal imagery must be respectful."}}},
 'black-friday': {'was': {'en': 'The day after US Thanksgiving (the 4th Thursday of November); sales now run all week '
                                'or all month. In the Gulf, Egypt and Pakistan it is sold as White Friday, since '
                                'Friday is the Muslim holy day: never call it Black there. Consumer authorities watch '
                                'reference prices: show the real previous price.'},
                  'now': {'en': 'The day after US Thanksgiving (the 4th Thursday of November); sales now run all week '
                                'or all month. Consumer authorities watch reference prices: show the real previous '
                                'price.'},
                  'markets': {'SA': {'en': 'Sold as White Friday, since Friday is the Muslim holy day: never call it '
                                           'Black here.'},
                              'AE': {'en': 'Sold as White Friday, since Friday is the Muslim holy day: never call it '
                                           'Black here.'},
                              'EG': {'en': 'Sold as White Friday, since Friday is the Muslim holy day: never call it '
                                           'Black here.'},
                              'PK': {'en': 'Sold as White Friday, since Friday is the Muslim holy day: never call it '
                                           'Black here.'}}},
 'cyber-monday': {'was': {'en': 'The Monday after Black Friday, for online shops. Argentina and Chile hold their own '
                                'online sales (CyberMonday, CyberDay) on other dates; they are not this day.'},
                  'now': {'en': 'The Monday after Black Friday, for online shops.'},
                  'markets': {}},
 'singles-day': {'was': {'en': "The world's largest online shopping day, started by Alibaba in China; presales begin "
                               'in October. In Southeast Asia marketplaces run it as the 11.11 sale. Write the date as '
                               '11.11 everywhere: it is the brand.'},
                 'now': {'en': "The world's largest online shopping day, started by Alibaba. Write the date as 11.11 "
                               'everywhere: it is the brand.'},
                 'markets': {'CN': {'en': 'Presales begin in October.'},
                             'SG': {'en': 'Marketplaces run it as the 11.11 sale.'},
                             'MY': {'en': 'Marketplaces run it as the 11.11 sale.'},
                             'ID': {'en': 'Marketplaces run it as the 11.11 sale.'},
                             'TH': {'en': 'Marketplaces run it as the 11.11 sale.'},
                             'VN': {'en': 'Marketplaces run it as the 11.11 sale.'},
                             'PH': {'en': 'Marketplaces run it as the 11.11 sale.'}}},
 'double-twelve': {'was': {'en': 'The year-end marketplace sale in China and Southeast Asia. Indonesia runs it as '
                                 'Harbolnas, the National Online Shopping Day.'},
                   'now': {'en': 'The year-end marketplace sale.'},
                   'markets': {'ID': {'en': 'Run as Harbolnas, the National Online Shopping Day.'}}},
 'christmas': {'was': {'en': 'Publish shipping cut-off dates. Gifts are opened on Christmas Eve in Germany, Poland and '
                             'much of Latin America; the Netherlands gives most gifts at Sinterklaas (5 December) and '
                             "Spain and Mexico also at Three Kings' Day (6 January). In Japan and Korea Christmas Eve "
                             'is an evening for couples.'},
               'now': {'en': 'Publish shipping cut-off dates.'},
               'markets': {'MX': {'en': "Gifts are opened on Christmas Eve. Gifts also come on Three Kings' Day (6 "
                                        'January).'},
                           'BR': {'en': 'Gifts are opened on Christmas Eve.'},
                           'AR': {'en': 'Gifts are opened on Christmas Eve.'},
                           'CO': {'en': 'Gifts are opened on Christmas Eve.'},
                           'CL': {'en': 'Gifts are opened on Christmas Eve.'},
                           'DE': {'en': 'Gifts are opened on Christmas Eve.'},
                           'ES': {'en': "Gifts also come on Three Kings' Day (6 January)."},
                           'NL': {'en': 'Most gifts are given at Sinterklaas (5 December), not at Christmas.'},
                           'PL': {'en': 'Gifts are opened on Christmas Eve.'},
                           'JP': {'en': 'Christmas Eve is an evening for couples.'},
                           'KR': {'en': 'Christmas Eve is an evening for couples.'}}},
 'new-year': {'was': {'en': 'In Japan the New Year holidays are the main family holiday, with lucky-bag (fukubukuro) '
                            'sales from the first days of January. In China, Korea and Vietnam the big celebration is '
                            'the Lunar New Year instead. Campaigns run in December, next to Christmas and year-end '
                            'sales.'},
              'now': {'en': 'Campaigns run in December, next to Christmas and year-end sales.'},
              'markets': {'VN': {'en': 'The big celebration is the Lunar New Year instead.'},
                          'JP': {'en': 'The New Year holidays are the main family holiday, with lucky-bag (fukubukuro) '
                                       'sales from the first days of January.'},
                          'CN': {'en': 'The big celebration is the Lunar New Year instead.'},
                          'KR': {'en': 'The big celebration is the Lunar New Year instead.'}}}}


def _notes_fields(notes):
    """{"en": "..."} -> {"notes": "...", "notes_en": "..."}: the untranslated column mirrors English."""
    fields = {build_localized_fieldname("notes", language): text for language, text in notes.items()}
    if "en" in notes:
        fields["notes"] = notes["en"]
    return fields


def move_market_notes(apps, schema_editor):
    Occasion = apps.get_model("calendars", "Occasion")
    Observance = apps.get_model("calendars", "Observance")
    for occasion in Occasion.objects.filter(slug__in=MOVED):
        moved = MOVED[occasion.slug]
        if any((getattr(occasion, field) or "") != text for field, text in _notes_fields(moved["was"]).items()):
            continue  # someone edited these notes: theirs to split
        for field in _notes_fields(moved["was"]):
            setattr(occasion, field, "")
        for field, text in _notes_fields(moved["now"]).items():
            setattr(occasion, field, text)
        occasion.save()
        for observance in Observance.objects.filter(occasion=occasion, market__code__in=moved["markets"]).select_related("market"):
            if observance.notes or observance.notes_en:
                continue
            for field, text in _notes_fields(moved["markets"][observance.market.code]).items():
                setattr(observance, field, text)
            observance.save()


class Migration(migrations.Migration):
    dependencies = [("calendars", "0004_observance_notes")]

    operations = [migrations.RunPython(move_market_notes, migrations.RunPython.noop)]
