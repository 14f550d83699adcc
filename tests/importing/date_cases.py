"""Date expressions by pattern, with the article's date and the days they mean.

Shared by tests/importing/test_article_dates.py (the rules must read every one) and
benchmarks/import_dates.py (the same cases given to dateparser).
"""

import datetime as dt
from typing import NamedTuple

D = dt.date


class DateCase(NamedTuple):
    pattern: str
    text: str
    published: dt.date
    kind: str  # range | single | from | until
    first: dt.date | None
    last: dt.date | None


CASES = (
    DateCase(
        "ar range من…إلى",
        "خلال الفترة من 5 إلى 7 مارس 2024",
        D(2024, 1, 10),
        "range",
        D(2024, 3, 5),
        D(2024, 3, 7),
    ),
    DateCase(
        "ar range 5-7", "يقام المعرض 5-7 مارس 2024", D(2024, 1, 10), "range", D(2024, 3, 5), D(2024, 3, 7)
    ),
    DateCase(
        "ar range 5-7 no year", "يقام المعرض 5-7 مارس", D(2024, 2, 1), "range", D(2024, 3, 5), D(2024, 3, 7)
    ),
    DateCase("ar range بين…و", "بين 5 و7 مارس 2024", D(2024, 1, 10), "range", D(2024, 3, 5), D(2024, 3, 7)),
    DateCase(
        "ar two days يومي",
        "يومي 20 و21 أكتوبر 2024",
        D(2024, 10, 5),
        "range",
        D(2024, 10, 20),
        D(2024, 10, 21),
    ),
    DateCase(
        "ar until الجاري",
        "ويستمر المعرض حتى 15 من مارس الجاري",
        D(2021, 3, 15),
        "until",
        None,
        D(2021, 3, 15),
    ),
    DateCase(
        "ar month المقبل", "من 3 إلى 5 فبراير المقبل", D(2025, 1, 15), "range", D(2025, 2, 3), D(2025, 2, 5)
    ),
    DateCase(
        "ar الشهر المقبل", "يوم 12 من الشهر المقبل", D(2025, 2, 20), "single", D(2025, 3, 12), D(2025, 3, 12)
    ),
    DateCase(
        "ar العام المقبل",
        "في 10 مارس من العام المقبل",
        D(2025, 2, 20),
        "single",
        D(2026, 3, 10),
        D(2026, 3, 10),
    ),
    DateCase("levantine آذار", "يوم 10 آذار 2024", D(2024, 2, 1), "single", D(2024, 3, 10), D(2024, 3, 10)),
    DateCase("levantine نيسان", "في 7 نيسان 2024", D(2024, 2, 1), "single", D(2024, 4, 7), D(2024, 4, 7)),
    DateCase(
        "levantine تشرين الثاني",
        "في 3 تشرين الثاني 2024",
        D(2024, 2, 1),
        "single",
        D(2024, 11, 3),
        D(2024, 11, 3),
    ),
    DateCase(
        "levantine كانون الأول",
        "في 25 كانون الأول 2024",
        D(2024, 2, 1),
        "single",
        D(2024, 12, 25),
        D(2024, 12, 25),
    ),
    DateCase(
        "levantine أيار/مايو",
        "من 7 إلى 9 أيار/مايو 2024",
        D(2024, 4, 15),
        "range",
        D(2024, 5, 7),
        D(2024, 5, 9),
    ),
    DateCase(
        "levantine شباط no year", "من 10 إلى 12 شباط", D(2024, 11, 1), "range", D(2025, 2, 10), D(2025, 2, 12)
    ),
    DateCase(
        "levantine cross-month",
        "من 28 تشرين الثاني إلى 1 كانون الأول 2023",
        D(2023, 10, 20),
        "range",
        D(2023, 11, 28),
        D(2023, 12, 1),
    ),
    DateCase("maghreb جوان", "في 12 جوان 2024", D(2024, 5, 1), "single", D(2024, 6, 12), D(2024, 6, 12)),
    DateCase(
        "arabic-indic digits", "من ٥ إلى ٧ مارس ٢٠٢٤", D(2024, 1, 10), "range", D(2024, 3, 5), D(2024, 3, 7)
    ),
    DateCase("tatweel", "يوم الخميـس ٢٠ مـارس ٢٠٢٥", D(2025, 3, 1), "single", D(2025, 3, 20), D(2025, 3, 20)),
    DateCase(
        "ar cross-month",
        "من 28 فبراير إلى 2 مارس 2024",
        D(2024, 1, 10),
        "range",
        D(2024, 2, 28),
        D(2024, 3, 2),
    ),
    DateCase(
        "ar cross-year no year",
        "من 29 ديسمبر إلى 2 يناير",
        D(2024, 11, 1),
        "range",
        D(2024, 12, 29),
        D(2025, 1, 2),
    ),
    DateCase("ar weekday", "يوم الأحد 3 مارس 2024", D(2024, 1, 10), "single", D(2024, 3, 3), D(2024, 3, 3)),
    DateCase(
        "ar start verb + until",
        "تنطلق في 10 نيسان وتختتم في 12 نيسان",
        D(2024, 3, 1),
        "from",
        D(2024, 4, 10),
        None,
    ),
    DateCase("ar ابتداء من", "ابتداءً من 1 يونيو", D(2024, 5, 5), "from", D(2024, 6, 1), None),
    DateCase(
        "ar منه (same month)",
        "في 14 كانون الثاني 2025 على أن يختتم في 16 منه",
        D(2024, 12, 28),
        "single",
        D(2025, 1, 14),
        D(2025, 1, 14),
    ),
    DateCase(
        "hijri شعبان", "من 24 إلى 26 شعبان 1445هـ", D(2024, 2, 1), "range", D(2024, 3, 5), D(2024, 3, 7)
    ),
    DateCase(
        "hijri ربيع الآخر",
        "15 ربيع الآخر 1446 هـ",
        D(2024, 10, 1),
        "single",
        D(2024, 10, 18),
        D(2024, 10, 18),
    ),
    DateCase(
        "hijri ربيع الثاني", "15 ربيع الثاني 1446", D(2024, 10, 1), "single", D(2024, 10, 18), D(2024, 10, 18)
    ),
    DateCase(
        "hijri ربيع الاخر no hamza",
        "15 ربيع الاخر 1446",
        D(2024, 10, 1),
        "single",
        D(2024, 10, 18),
        D(2024, 10, 18),
    ),
    DateCase(
        "hijri جمادى الآخرة",
        "10 جمادى الآخرة 1446",
        D(2024, 11, 20),
        "single",
        D(2024, 12, 11),
        D(2024, 12, 11),
    ),
    DateCase(
        "hijri جمادى الثانية",
        "10 جمادى الثانية 1446",
        D(2024, 11, 20),
        "single",
        D(2024, 12, 11),
        D(2024, 12, 11),
    ),
    DateCase(
        "hijri diacritics",
        "١٠ جُمادى الآخِرة ١٤٤٦ هـ",
        D(2024, 11, 20),
        "single",
        D(2024, 12, 11),
        D(2024, 12, 11),
    ),
    DateCase(
        "hijri ى→ي, no hamza",
        "10 جمادي الاخرة 1446",
        D(2024, 11, 20),
        "single",
        D(2024, 12, 11),
        D(2024, 12, 11),
    ),
    DateCase("hijri ذي الحجة", "10 ذي الحجة 1445", D(2024, 5, 1), "single", D(2024, 6, 16), D(2024, 6, 16)),
    DateCase("hijri no year", "من 5 إلى 7 شوال", D(2024, 3, 10), "range", D(2024, 4, 14), D(2024, 4, 16)),
    DateCase(
        "hijri الموافق gregorian",
        "24 شعبان 1445هـ الموافق 5 مارس 2024م",
        D(2024, 2, 1),
        "single",
        D(2024, 3, 5),
        D(2024, 3, 5),
    ),
    DateCase(
        "en March 5-7, 2024", "on March 5-7, 2024", D(2024, 1, 15), "range", D(2024, 3, 5), D(2024, 3, 7)
    ),
    DateCase("en 5 to 7 March", "from 5 to 7 March", D(2024, 2, 1), "range", D(2024, 3, 5), D(2024, 3, 7)),
    DateCase("en 5-7 March 2024", "on 5-7 March 2024", D(2024, 1, 15), "range", D(2024, 3, 5), D(2024, 3, 7)),
    DateCase(
        "en between", "between 5 and 7 November 2024", D(2024, 9, 15), "range", D(2024, 11, 5), D(2024, 11, 7)
    ),
    DateCase("en until", "and runs until 15 March", D(2021, 3, 1), "until", None, D(2021, 3, 15)),
    DateCase(
        "en until month first", "runs through December 4", D(2024, 12, 1), "until", None, D(2024, 12, 4)
    ),
    DateCase(
        "en cross-month",
        "February 28 - March 2, 2024",
        D(2024, 1, 15),
        "range",
        D(2024, 2, 28),
        D(2024, 3, 2),
    ),
    DateCase(
        "en weekday", "on Tuesday, 27 February 2024", D(2024, 2, 10), "single", D(2024, 2, 27), D(2024, 2, 27)
    ),
    DateCase(
        "en next month", "on the 12th of next month", D(2025, 1, 5), "single", D(2025, 2, 12), D(2025, 2, 12)
    ),
    DateCase("en starting", "starting on 1 November", D(2024, 10, 1), "from", D(2024, 11, 1), None),
    DateCase(
        "en hijri",
        "from 14 to 16 Rabi' al-Awwal 1447 AH",
        D(2025, 8, 20),
        "range",
        D(2025, 9, 6),
        D(2025, 9, 8),
    ),
    DateCase(
        "en hijri month first",
        "on Ramadan 1 to 3, 1446",
        D(2025, 2, 1),
        "range",
        D(2025, 3, 1),
        D(2025, 3, 3),
    ),
    DateCase("iso", "on 2024-03-05", D(2024, 1, 15), "single", D(2024, 3, 5), D(2024, 3, 5)),
)
