"""Building small .ics files for the import tests (one VEVENT per call unless told otherwise)."""


def calendar(*events: str, head: str = "") -> bytes:
    """A VCALENDAR around the given VEVENT bodies (CRLF lines, as RFC 5545 wants)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//import//EN"]
    lines += [line for line in head.strip().splitlines() if line.strip()]
    for body in events:
        lines += ["BEGIN:VEVENT"] + [line.strip() for line in body.strip().splitlines() if line.strip()]
        lines += ["END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def event(
    extra: str = "",
    uid: str = "e1@test",
    start: str = "DTSTART;VALUE=DATE:20240305",
    end: str = "DTEND;VALUE=DATE:20240308",
    summary: str = "SUMMARY:Gulf Expo",
) -> str:
    """A VEVENT body with sane defaults; pass "" to leave a default property out."""
    return "\n".join(
        p for p in (f"UID:{uid}" if uid else "", "DTSTAMP:20240101T000000Z", start, end, summary, extra) if p
    )
