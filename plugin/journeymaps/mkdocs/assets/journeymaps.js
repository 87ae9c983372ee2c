/* journeymaps: sort the tables of the generated pages and filter the touchpoints table.
   No library and nothing fetched. Without JavaScript every table is shown whole and in map order;
   the filter form is in the page with the `hidden` attribute and only shown once this script runs. */
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

  function makeSortable(table) {
    var head = table.tHead && table.tHead.rows[0];
    var body = table.tBodies[0];
    if (!head || !body || table.getAttribute("data-jm-sortable") === "ready") return;
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
        var rows = sortRows(Array.prototype.slice.call(body.rows), column, descending);
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function makeFilter(form) {
    var table = document.getElementById(form.getAttribute("data-table"));
    if (!table || form.getAttribute("data-jm-filter") === "ready") return;
    form.setAttribute("data-jm-filter", "ready");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var search = form.querySelector("input[name=q]");
    var count = form.querySelector(".jm-filter-count");
    var none = document.querySelector('.jm-no-match[data-for="' + table.id + '"]');

    function apply(updateAddress) {
      var filters = {};
      selects.forEach(function (select) { filters[select.name] = select.value; });
      var query = search ? search.value.trim().toLowerCase() : "";
      var shown = 0;
      rows.forEach(function (row, i) {
        var values = {};
        for (var key in filters) values[key] = row.getAttribute("data-" + key);
        var ok = matches(values, filters, texts[i], query);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = "Showing " + shown + " of " + rows.length + " touchpoints";
      if (none) none.hidden = shown !== 0;
      if (updateAddress && window.history && window.history.replaceState) {
        var params = new URLSearchParams();
        selects.forEach(function (select) { if (select.value) params.set(select.name, select.value); });
        if (query) params.set("q", query);
        var qs = params.toString();
        window.history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : "") + window.location.hash);
      }
    }

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

  window.journeymaps = { matches: matches, compareKeys: compareKeys, sortRows: sortRows };
  // Material's instant navigation swaps pages without reloading; it announces each page on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
