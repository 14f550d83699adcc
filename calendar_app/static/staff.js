// Staff event form: show the chosen calendar's inputs, convert dates live, suggest a URL name,
// default the time zone from the venue, preview a repeat rule's next occurrences. Without JavaScript every input stays visible and usable.
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
    var repeat = checked("repeat") || "none";
    form.querySelectorAll("[data-repeat]").forEach(function (el) {
      el.hidden = el.dataset.repeat === "any" ? repeat === "none" : el.dataset.repeat !== repeat;
    });
    var end = checked("repeat_end") || "never";
    document.getElementById("field-repeat_count").hidden = end !== "count";
    document.getElementById("field-repeat_until").hidden = end !== "until";
  }

  // Live preview of the repeat rule: the server expands it (same code as the feeds), we only show it.
  var PREVIEW_FIELDS = ["calendar", "starts_on", "hijri_start_year", "hijri_start_month", "hijri_start_day",
    "repeat", "repeat_freq", "repeat_hijri_freq", "repeat_hijri_month", "repeat_hijri_day", "repeat_skip",
    "repeat_interval", "repeat_end", "repeat_count", "repeat_until", "repeat_by"];
  var live = document.getElementById("repeat-live");
  var liveError = document.getElementById("repeat-live-error");
  var liveTable = document.getElementById("repeat-live-table");
  var previewTimer = null, previewSeq = 0;

  function previewParams() {
    var params = new URLSearchParams({ lang: lang });
    PREVIEW_FIELDS.forEach(function (name) {
      var input = form.querySelector("input[name='" + name + "']");
      var v = input && input.type === "radio" ? checked(name) : value(name);
      if (v) { params.set(name, v); }
    });
    return params;
  }

  function cell(row, text) {
    var td = document.createElement("td"), bdi = document.createElement("bdi");
    bdi.textContent = text;
    td.appendChild(bdi);
    row.appendChild(td);
  }

  function showPreview(data) {
    var body = liveTable.tBodies[0];
    body.textContent = "";
    liveError.hidden = !data.error;
    liveError.textContent = data.error || "";
    liveTable.hidden = Boolean(data.error);
    document.getElementById("repeat-words").textContent = data.words ? "(" + data.words + ")" : "";
    (data.items || []).forEach(function (item) {
      var row = document.createElement("tr");
      row.dataset.date = item.date;
      cell(row, item.gregorian);
      cell(row, item.hijri);
      body.appendChild(row);
    });
    if (data.first_hijri) {
      form.elements.repeat_hijri_month.placeholder = data.first_hijri.month;
      form.elements.repeat_hijri_day.placeholder = data.first_hijri.day;
    }
  }

  function refreshPreview() {
    if (!live) { return; }
    live.hidden = (checked("repeat") || "none") === "none";
    if (live.hidden) { return; }
    var seq = ++previewSeq;
    fetch(form.dataset.apiPreview + "?" + previewParams(), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) { if (seq === previewSeq) { showPreview(data); } })
      .catch(function () { if (seq === previewSeq) { showPreview({ error: "" }); } });
  }

  function schedulePreview(name) {
    if (PREVIEW_FIELDS.indexOf(name) < 0) { return; }
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 250);
  }

  function show(output, text, isError) {
    output.textContent = text;
    output.classList.toggle("error", Boolean(isError));
  }

  // Conversions wait for a pause in typing and skip a date already shown: /api/ is rate-limited per
  // address (API_RATE_LIMIT), and a date input fires both "input" and "change".
  function convert(url, output) {
    clearTimeout(output.convertTimer);
    if (output.dataset.url === url) { return; }
    output.convertTimer = setTimeout(function () {
      var seq = output.convertSeq = (output.convertSeq || 0) + 1;
      output.dataset.url = url;
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { delete output.dataset.url; }  // an error or a refusal is asked again next time
          return response.json();
        })
        .then(function (data) { if (seq === output.convertSeq) { show(output, data.error || data.label, Boolean(data.error)); } })
        .catch(function () { if (seq === output.convertSeq) { delete output.dataset.url; show(output, "", false); } });
    }, 250);
  }

  function gregorianChanged(name) {
    var date = value(name);
    var output = document.getElementById(name + "-other");
    if (!date) { clearTimeout(output.convertTimer); delete output.dataset.url; show(output, "", false); return; }
    convert(form.dataset.apiHijri + "?" + new URLSearchParams({ date: date, lang: lang }), output);
  }

  function hijriChanged(which) {
    var y = value("hijri_" + which + "_year"), m = value("hijri_" + which + "_month"), d = value("hijri_" + which + "_day");
    var output = document.getElementById("hijri_" + which + "-other");
    if (!y || !m || !d) { clearTimeout(output.convertTimer); delete output.dataset.url; show(output, "", false); return; }
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
    schedulePreview(name);
  });
  form.addEventListener("input", function (event) {
    var name = event.target.name || "";
    var match = /^hijri_(start|end)_/.exec(name);
    if (match) { hijriChanged(match[1]); }
    if (name === "starts_on" || name === "ends_on") { gregorianChanged(name); }
    if (name === "title_en") { suggestSlug(); }
    schedulePreview(name);
  });

  showSections();
  ["starts_on", "ends_on"].forEach(function (name) { if (value(name)) { gregorianChanged(name); } });
  ["start", "end"].forEach(hijriChanged);
  refreshPreview();
})();
