"""Refusals are data (field, message id, typed parameters) rendered once, in the reader's language."""

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from calendar_app import accounts, editing, events, hijri, recurrence
from calendar_app.errors import ConflictError, EventError, StaffError

PACKAGE = Path(__file__).resolve().parent.parent / "calendar_app"
CATALOG = PACKAGE / "translations" / "ar" / "LC_MESSAGES" / "messages.po"
# Where each constructor of a refusal takes its message id (recurrence._error: about the rule as a whole).
MSGID_ARGUMENT = {"EventError": 1, "StaffError": 1, "ConflictError": 1, "MessageError": 1, "_error": 0}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def test_an_error_carries_its_field_message_id_and_typed_parameters():
    with pytest.raises(EventError) as refused:
        hijri.from_hijri(1445, 8, 30)
    error = refused.value
    assert error.field == "hijri_day"
    assert error.msgid == "%(month)s %(year)s AH has %(length)s days; there is no day %(day)s."
    assert error.params == {"month": hijri.HijriMonth(8), "year": 1445, "length": 29, "day": 30}
    assert str(error) == "Sha'ban 1445 AH has 29 days; there is no day 30."
    assert error.text("ar") == "شهر شعبان من عام 1445 هـ فيه 29 يومًا؛ لا يوجد اليوم 30."


def test_dates_times_and_hijri_dates_are_written_for_the_reader():
    with pytest.raises(EventError) as gap:
        events.check_wall_time(dt.datetime(2027, 3, 28, 2, 30), "Europe/Paris", "starts_local")
    assert gap.value.params["day"] == dt.date(2027, 3, 28) and gap.value.params["time"] == dt.time(2, 30)
    assert gap.value.text("ar") == ("الساعة ٠٢:٣٠ غير موجودة في Europe/Paris يوم ٢٨ مارس ٢٠٢٧ "
                                    "(تقفز الساعة من ٠٢:٠٠ إلى ٠٣:٠٠)؛ استخدم ٠١:٥٩ أو ٠٣:٠٠.")
    rule = {"calendar": "hijri", "freq": "yearly", "month": 8, "day": 15}
    with pytest.raises(EventError) as not_first:
        recurrence.check_rule(rule, dt.date(2025, 3, 1))
    assert not_first.value.params["hijri"] == hijri.HijriDate(1447, 8, 15)
    assert str(not_first.value).endswith("3 February 2026 (15 Sha'ban 1447 AH) is the next one.")
    assert not_first.value.text("ar").endswith("التاريخ التالي هو ٣ فبراير ٢٠٢٦ (١٥ شعبان ١٤٤٧ هـ).")


def test_combined_errors_keep_each_field_and_message():
    with pytest.raises(EventError) as refused:
        events.make_venue(slug="Bad Slug", country_code="Qatar", tzid="Mars/Base", latitude=100)
    shown = {e.field: e.text("ar") for e in refused.value.errors}
    assert shown == {
        "venue_name_en": "أعطِ المكان اسمًا بالعربية أو بالإنجليزية.",
        "country_code": "رمز الدولة حرفان وفق معيار ISO مثل QA أو AE.",
        "venue_slug": "يتكون اسم الرابط من أحرف لاتينية صغيرة وأرقام وشرطات مفردة (120 حرفًا على الأكثر).",
        "tzid": "منطقة زمنية غير معروفة «Mars/Base»؛ استخدم اسمًا من قاعدة IANA مثل Asia/Qatar.",
        "latitude": "يجب أن يكون خط العرض بين -90 و90.",
    }


def test_accounts_and_conflicts_are_the_same_kind_of_error():
    for error in (StaffError("password", accounts.LAST_ADMIN), ConflictError(None, editing.CONFLICT_MESSAGE)):
        assert str(error) == error.text("en") == error.msgid
        assert error.text("ar") != error.msgid


def _msgid_arguments(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            index = MSGID_ARGUMENT.get(getattr(node.func, "id", getattr(node.func, "attr", "")))
            if index is not None and len(node.args) > index:
                yield node.args[index]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_no_error_is_raised_with_a_sentence_already_formatted(path):
    """The message id is a marked constant (N_("...") or a name for one), never an f-string or a
    bare string; its values travel as keyword parameters."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for msgid in _msgid_arguments(tree):
        where = f"{path.name}:{msgid.lineno}"
        assert not isinstance(msgid, ast.JoinedStr | ast.Constant | ast.BinOp), where
        if isinstance(msgid, ast.Call):
            assert getattr(msgid.func, "id", "") == "N_" and isinstance(msgid.args[0], ast.Constant), where


def _extracted() -> dict[str, set[str]]:
    found = {}
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    for filename, _lineno, message, _comments, _context in extract_from_dir(
            str(PACKAGE), method_map, keywords={"_": None, "_l": None, "N_": None, "gettext": None,
                                                "ngettext": (1, 2), "lazy_gettext": None}):
        for msgid in message if isinstance(message, tuple) else (message,):
            found.setdefault(msgid, set()).add(filename)
    return found


def test_every_message_id_has_an_arabic_translation_with_the_same_placeholders():
    with open(CATALOG, "rb") as source:
        catalog = read_po(source)
    for msgid in _extracted():
        entry = catalog.get(msgid)
        assert entry is not None and entry.string and not entry.fuzzy, msgid
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(msgid)), (msgid, text)
    assert not [m.id for m in catalog if m.id and (m.fuzzy or not m.string)]
