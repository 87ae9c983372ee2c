/* journeymaps: sort the tables of the generated pages and filter the touchpoints listing.
   No library; nothing is fetched but the listing's own data file, from the site itself, when a filter is set.
   Without JavaScript every table is shown in map order and a listing's pager reaches every row; the filter
   form is in the page with the `hidden` attribute and only shown once this script runs. */
(function () {
  "use strict";

  /** True when a row's facet values pass every filter that is set; `query` must appear in `text`. */
  function matches(values, filters, text, query) {
    for (var key in filters) {
      if (Object.prototype.hasOwnProperty.call(filters, key) && filters[key] && values[key] !== filters[key]) {
        return false;
      }
    }
    return !query || text.indexOf(query) !== -1;
  }

  /** Order of two sort keys: numbers as numbers, text by the reader's language; empty keys last. */
  function compareKeys(a, b) {
    if (a === b) return 0;
    if (a === "") return 1;
    if (b === "") return -1;
    var x = Number(a), y = Number(b);
    if (!isNaN(x) && !isNaN(y)) return x - y;
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function cellKey(cell) {
    if (!cell) return "";
    var key = cell.getAttribute("data-sort");
    return (key === null ? cell.textContent : key).trim();
  }

  /** Sorts a table's body rows by one column; empty keys stay last in both directions. */
  function sortRows(rows, column, descending) {
    var keyed = rows.map(function (row, index) {
      return { row: row, key: cellKey(row.cells[column]), index: index };
    });
    keyed.sort(function (p, q) {
      if (p.key === "" || q.key === "") return compareKeys(p.key, q.key) || p.index - q.index;
      var order = compareKeys(p.key, q.key);
      return (descending ? -order : order) || p.index - q.index;
    });
    return keyed.map(function (k) { return k.row; });
  }

  /** Sorts the body the table shows (its own rows, or the rows the filters found) by the column last chosen. */
  function sortShown(table) {
    var order = table.jmSort;
    var body = Array.prototype.filter.call(table.tBodies, function (b) { return !b.hidden; })[0];
    if (!order || !body) return;
    sortRows(Array.prototype.slice.call(body.rows), order.column, order.descending).forEach(function (row) {
      body.appendChild(row);
    });
  }

  function makeSortable(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head || !table.tBodies[0] || table.getAttribute("data-jm-sortable") === "ready") return;
    table.setAttribute("data-jm-sortable", "ready");
    Array.prototype.forEach.call(head.cells, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "jm-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") === "ascending";
        Array.prototype.forEach.call(head.cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        table.jmSort = { column: column, descending: descending };
        sortShown(table);
      });
    });
  }

  /** Escapes text for HTML (the data file holds plain text; its badges are HTML made by the site). */
  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function pad(n, width) { n = String(n); while (n.length < width) n = "0" + n; return n; }

  /** The rows of a listing's data file (touchpoint_data.py), each with its facet values and its text. */
  function readRows(data, base) {
    function link(rel) { return rel ? new URL(rel, base).href : ""; }
    var f = {};
    data.fields.forEach(function (name, i) { f[name] = i; });
    var personas = data.personas.map(function (p) { return { id: p[0], name: p[1], href: link(p[2]) }; });
    var journeys = data.journeys.map(function (j) {
      return { title: j[0], href: link(j[1]), type: j[2], status: j[3], persona: personas[j[4]] };
    });
    function terms(list) { return list.map(function (t) { return { id: t[0], label: t[1], href: link(t[2]) }; }); }
    var stages = data.stages.map(function (t) { return { id: t[0], label: t[1], rank: t[2] }; });
    var channels = terms(data.channels), devices = terms(data.devices), departments = terms(data.departments);
    var g = {};
    data.step_fields.forEach(function (name, i) { g[name] = i; });
    var steps = data.steps.map(function (s) {
      return { journey: journeys[s[g.journey]], stage: stages[s[g.stage]], number: s[g.number], action: s[g.action],
               anchor: s[g.anchor], emotion: s[g.emotion] };
    });
    return data.rows.map(function (r, index) {
      var step = steps[r[f.step]], j = step.journey, stage = step.stage, channel = channels[r[f.channel]];
      var device = devices[r[f.device]], department = departments[r[f.department]], anchor = r[f.anchor];
      if (anchor === 0) anchor = step.anchor + "-" + slug(r[f.name]);
      else if (anchor.charAt(0) === "#") anchor = anchor.slice(1);
      else anchor = step.anchor + "-" + anchor;
      var row = {
        name: r[f.name], journey: j, anchor: anchor, stage: stage, step: step.number, action: step.action,
        stepAnchor: step.anchor, channel: channel, device: device, department: department,
        emotion: step.emotion, indirect: r[f.indirect], index: index,
        values: { persona: j.persona.id, stage: stage.id, channel: channel.id, device: device.id,
                  department: department.id, type: j.type }
      };
      row.text = [row.name, j.title, j.persona.name, stage.label, "step " + row.step, row.action, channel.label,
                  device.label, department.label].join(" ").toLowerCase();
      return row;
    });
  }

  /** A touchpoint's anchor after its step's, for a name of printable ASCII (addresses.slugify, in Python). */
  function slug(name) {
    return name.toLowerCase().replace(/[^a-z0-9\s_-]/g, "").replace(/[\s_-]+/g, "-").replace(/^-+|-+$/g, "") ||
      "touchpoint";
  }

  /** A touchpoint's row as the page draws it (table_rows.py), from the data file. */
  function drawRow(row, data) {
    var j = row.journey;
    function a(href, text, cls) {
      return '<a' + (cls ? ' class="' + cls + '"' : "") + ' href="' + esc(href) + '">' + esc(text) + "</a>";
    }
    var type = data.types[j.type] || "";
    var score = row.emotion === null ? data.no_score : data.scores[String(row.emotion)] || esc(row.emotion);
    return "<tr>" +
      "<td>" + a(j.href + "#" + row.anchor, row.name) +
      (row.indirect ? ' <span class="jm-muted">(indirect)</span>' : "") + "</td>" +
      "<td>" + a(j.href, j.title) + (type ? " " + type : "") + " " + (data.statuses[j.status] || "") + "</td>" +
      "<td>" + (j.persona.href ? a(j.persona.href, j.persona.name) : esc(j.persona.name)) + "</td>" +
      '<td data-sort="' + pad(row.stage.rank, 3) + pad(row.index, 7) + '">' + esc(row.stage.label) + " · step " +
      esc(row.step) + "<br>" + a(j.href + "#" + row.stepAnchor, row.action, "jm-step-ref") + "</td>" +
      "<td>" + a(row.channel.href, row.channel.label) + "</td>" +
      "<td>" + esc(row.device.label) + "</td>" +
      "<td>" + (row.department.href ? a(row.department.href, row.department.label)
                                    : '<span class="jm-muted">No department</span>') + "</td>" +
      '<td class="jm-num" data-sort="' + (row.emotion === null ? "" : esc(row.emotion)) + '">' + score + "</td>" +
      "</tr>";
  }

  /** How many matching rows the filters draw at first, and at each "Show more". */
  var SHOWN = 200;

  /* The filters of a listing in parts: the part's own rows are in the page; every row of every part is in the
     listing's data file (the table's data-rows), fetched once when a filter is first set. The matches are drawn
     in a second table body, SHOWN at a time; clearing the filters shows the part again. */
  function makeFilter(form) {
    var table = document.getElementById(form.getAttribute("data-table"));
    if (!table || form.getAttribute("data-jm-filter") === "ready") return;
    form.setAttribute("data-jm-filter", "ready");
    var own = table.tBodies[0];
    var found = document.createElement("tbody");
    found.hidden = true;
    table.appendChild(found);
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var search = form.querySelector("input[name=q]");
    var count = form.querySelector(".jm-filter-count");
    var none = document.querySelector('.jm-no-match[data-for="' + table.id + '"]');
    var more = document.querySelector(".jm-more");
    var moreButton = more && more.querySelector("button");
    var pagers = Array.prototype.slice.call(document.querySelectorAll(".jm-pager"));
    var source = table.getAttribute("data-rows");
    var loading = null, data = null, rows = null, hits = [], drawn = 0, asked = 0, applied = null;

    function load() {
      if (!loading) {
        var url = new URL(source, window.location.href).href;
        loading = fetch(url).then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + response.statusText);
          return response.json();
        }).then(function (json) {
          if (json.version !== 1) throw new Error("data file of another version");
          data = json;
          rows = readRows(json, url);
        });
      }
      return loading;
    }

    function drawMore() {
      var html = [];
      var end = Math.min(hits.length, drawn + SHOWN);
      for (var i = drawn; i < end; i++) html.push(drawRow(hits[i], data));
      found.insertAdjacentHTML("beforeend", html.join(""));
      drawn = end;
      sortShown(table);
      if (more) more.hidden = drawn >= hits.length;
      if (moreButton) moreButton.textContent = "Show " + Math.min(SHOWN, hits.length - drawn) + " more";
      if (count) {
        count.textContent = hits.length + " of " + rows.length + " touchpoints match" +
          (drawn < hits.length ? "; the first " + drawn + " are shown" : "");
      }
    }

    function showPart() {
      found.hidden = true;
      found.innerHTML = "";
      own.hidden = false;
      sortShown(table);
      pagers.forEach(function (p) { p.hidden = false; });
      if (more) more.hidden = true;
      if (none) none.hidden = true;
      if (count) count.textContent = "";
    }

    function apply(updateAddress) {
      var filters = {}, active = false;
      selects.forEach(function (select) { filters[select.name] = select.value; active = active || !!select.value; });
      var query = search ? search.value.trim().toLowerCase() : "";
      active = active || !!query;
      // The text box fires "change" again when it loses focus, e.g. to a click on a row's link: drawing the same
      // rows anew would take the link away from under the click.
      var state = JSON.stringify([filters, query]);
      if (state === applied) return;
      applied = state;
      if (updateAddress && window.history && window.history.replaceState) {
        var params = new URLSearchParams();
        selects.forEach(function (select) { if (select.value) params.set(select.name, select.value); });
        if (query) params.set("q", query);
        var qs = params.toString();
        window.history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : "") + window.location.hash);
      }
      var ask = ++asked;
      if (!active) { showPart(); form.removeAttribute("aria-busy"); return; }
      if (count && !data) count.textContent = "Looking through every touchpoint…";
      form.setAttribute("aria-busy", "true");
      load().then(function () {
        if (ask !== asked) return;  // a later change of the filters is on its way
        form.removeAttribute("aria-busy");
        hits = rows.filter(function (row) { return matches(row.values, filters, row.text, query); });
        own.hidden = true;
        pagers.forEach(function (p) { p.hidden = true; });
        found.innerHTML = "";
        found.hidden = false;
        drawn = 0;
        drawMore();
        if (none) none.hidden = hits.length !== 0;
      }, function (error) {
        if (ask !== asked) return;
        form.removeAttribute("aria-busy");
        showPart();
        if (count) count.textContent = "The filters could not read the list of every touchpoint (" + error.message +
          "); the pages below list them all.";
      });
    }

    if (moreButton) moreButton.addEventListener("click", drawMore);
    // Filters can be bookmarked: ?department=logistics&stage=delivery
    var wanted = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var value = wanted.get(select.name);
      if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    });
    if (search && wanted.get("q")) search.value = wanted.get("q");
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    form.hidden = false;
    apply(false);
  }

  /** The text of the heading above `el` in the page (its caption for a table), for the name of its region. */
  function nameOf(el) {
    var caption = el.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    for (var node = el; node && !node.classList.contains("md-typeset"); node = node.parentElement) {
      for (var before = node.previousElementSibling; before; before = before.previousElementSibling) {
        if (/^H[1-6]$/.test(before.tagName)) return before.textContent.replace(/¶$/, "").trim();
      }
    }
    return "";
  }

  /** A box that scrolls sideways must be scrollable with the keyboard (WCAG 2.1.1): while its content is wider
      than the box and has nothing to focus, the box gets a tab stop, and a name for screen readers. */
  var SCROLLERS = ".md-typeset__scrollwrap, .jm-table-wrap, .md-typeset figure.jm-chart";
  var FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";

  function keyboardScroll(box) {
    var wide = box.scrollWidth > box.clientWidth + 1 && !box.querySelector(FOCUSABLE);
    if (wide && !box.hasAttribute("data-jm-scroll")) {
      var name = nameOf(box);
      box.setAttribute("data-jm-scroll", "");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", (name ? "Table: " + name : "Table") + " (scrolls sideways)");
    } else if (!wide && box.hasAttribute("data-jm-scroll")) {
      ["data-jm-scroll", "tabindex", "role", "aria-label"].forEach(function (a) { box.removeAttribute(a); });
    }
  }

  function checkScrollers() {
    Array.prototype.forEach.call(document.querySelectorAll(SCROLLERS), keyboardScroll);
  }

  /* The browser brings a link reached with the keyboard into view only when it is wholly out of view; in the map,
     which scrolls sideways under its sticky lane column, show the whole link (the map's scroll-padding keeps it
     clear of the column). */
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target.closest && target.closest(".jm-map") && target.matches(":focus-visible") &&
        !target.classList.contains("jm-map")) {
      target.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  });

  /** The journey page's "Print or save as PDF" button: in the page but hidden, shown only when this script runs. */
  function printButton(button) {
    if (button.getAttribute("data-jm-print") === "ready") return;
    button.setAttribute("data-jm-print", "ready");
    button.addEventListener("click", function () { window.print(); });
    button.hidden = false;
  }

  var resizing = false;
  window.addEventListener("resize", function () {
    if (resizing) return;
    resizing = true;
    window.requestAnimationFrame(function () { resizing = false; checkScrollers(); });
  });

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.jm-sortable"), makeSortable);
    Array.prototype.forEach.call(document.querySelectorAll("form.jm-filters"), makeFilter);
    Array.prototype.forEach.call(document.querySelectorAll("button[data-jm-print]"), printButton);
    checkScrollers();
  }

  window.journeymaps = { matches: matches, compareKeys: compareKeys, sortRows: sortRows, readRows: readRows,
                        drawRow: drawRow, esc: esc, slug: slug };
  // Material's instant navigation swaps pages without reloading; it announces each page on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
