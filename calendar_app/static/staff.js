// Staff event form: show the chosen calendar's inputs, convert dates live, suggest a URL name,
// default the time zone from the venue. Without JavaScript every input stays visible and usable.
(function () {
  "use strict";
  var form = document.getElementById("event-form");
  if (!form) { return; }
  var lang = form.dataset.lang || "en";
  var countryZones = JSON.parse(form.dataset.countryZones || "{}");
  var venueZones = JSON.parse(form.dataset.venueZones || "{}");

  function checked(name) {
    var input = form.querySelector("input[name='" + name + "']:checked");
    return input ? input.value : "";
  }
  function value(name) { var el = form.elements[name]; return el ? el.value.trim() : ""; }

  function showSections() {
    var calendar = checked("calendar") || "gregorian";
    form.querySelectorAll("[data-calendar]").forEach(function (el) { el.hidden = el.dataset.calendar !== calendar; });
    form.querySelectorAll("[data-timing]").forEach(function (el) { el.hidden = checked("timing") !== "timed"; });
    form.querySelectorAll("[data-venue]").forEach(function (el) { el.hidden = value("venue") !== "__new__"; });
    form.querySelectorAll("[data-series]").forEach(function (el) { el.hidden = value("series") !== "__new__"; });
  }

  function show(output, text, isError) {
    output.textContent = text;
    output.classList.toggle("error", Boolean(isError));
  }

  function convert(url, output) {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) { show(output, data.error || data.label, Boolean(data.error)); })
      .catch(function () { show(output, "", false); });
  }

  function gregorianChanged(name) {
    var date = value(name);
    var output = document.getElementById(name + "-other");
    if (!date) { show(output, "", false); return; }
    convert(form.dataset.apiHijri + "?" + new URLSearchParams({ date: date, lang: lang }), output);
  }

  function hijriChanged(which) {
    var y = value("hijri_" + which + "_year"), m = value("hijri_" + which + "_month"), d = value("hijri_" + which + "_day");
    var output = document.getElementById("hijri_" + which + "-other");
    if (!y || !m || !d) { show(output, "", false); return; }
    convert(form.dataset.apiGregorian + "?" + new URLSearchParams({ y: y, m: m, d: d, lang: lang }), output);
  }

  var slug = form.elements.slug;
  var slugTouched = Boolean(slug.value);
  slug.addEventListener("input", function () { slugTouched = true; });
  function suggestSlug() {
    if (slugTouched) { return; }
    slug.value = value("title_en").toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "").slice(0, 120);
  }

  function setZone(zone) { if (zone && form.elements.tzid) { form.elements.tzid.value = zone; } }

  form.addEventListener("change", function (event) {
    var name = event.target.name || "";
    showSections();
    if (name === "starts_on" || name === "ends_on") { gregorianChanged(name); }
    if (name === "venue") { setZone(venueZones[value("venue")]); }
    if (name === "country_code") { setZone(countryZones[value("country_code").toUpperCase()]); }
  });
  form.addEventListener("input", function (event) {
    var name = event.target.name || "";
    var match = /^hijri_(start|end)_/.exec(name);
    if (match) { hijriChanged(match[1]); }
    if (name === "starts_on" || name === "ends_on") { gregorianChanged(name); }
    if (name === "title_en") { suggestSlug(); }
  });

  showSections();
  ["starts_on", "ends_on"].forEach(function (name) { if (value(name)) { gregorianChanged(name); } });
  ["start", "end"].forEach(hijriChanged);
})();
