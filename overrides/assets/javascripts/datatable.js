/* Sort and filter the dataset tables that hmw_site/fences/ writes (no dependencies, no CDN).
 *
 * Without JavaScript the table stays a plain, complete HTML table. With it, every header of a
 * `table[data-sortable]` becomes a button that sorts by that column (aria-sort tells assistive
 * technology), and header cells with `data-filter` get a menu above the table that hides the rows
 * that do not match. Runs on every page load, including Material's instant navigation (document$).
 *
 * The filters and the sort order live in the page's address, so a shared link opens the same view:
 * ?<table id>.<filter>=<value> and ?<table id>.sort=<column> (descending: -<column>), e.g.
 * atlas/?models-table.origin=external&models-table.sort=-params. The address is replaced, not pushed:
 * the back button leaves the page, and coming back to it restores the view. A value the table does
 * not have (an unknown filter value or column, a malformed parameter) is ignored, silently.
 */
(function () {
  "use strict";

  // Made when a table first needs it, not as the script loads: a Chinese collator loads ICU's
  // collation data, about 18 ms on a desktop and four times that on a phone (Lighthouse's
  // throttling), which every page paid, with a dataset table or without.
  var collator = null;

  function collate(a, b) {
    if (!collator) collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true });
    return collator.compare(a, b);
  }

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.hasAttribute("data-sort-value") ? cell.getAttribute("data-sort-value") : cell.textContent.trim();
  }

  function compare(type, a, b) {
    // Empty values always sort last, whatever the direction.
    if (a === "" && b === "") return 0;
    if (a === "") return Infinity;
    if (b === "") return -Infinity;
    if (type === "number") return parseFloat(a) - parseFloat(b);
    if (type === "date") return a < b ? -1 : a > b ? 1 : 0;
    return collate(a, b);
  }

  function sortBy(table, index, type, th, ascending) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var result = compare(type, cellValue(r1, index), cellValue(r2, index));
      if (result === Infinity || result === -Infinity) return result > 0 ? 1 : -1;
      return ascending ? result : -result;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  /* The page's address with one table's state: its filters' values and its sort order. */
  function saveState(wrapper) {
    if (!wrapper.id || !window.history.replaceState) return;
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(wrapper.querySelectorAll("select[data-filter-key]"), function (select) {
      var name = wrapper.id + "." + select.getAttribute("data-filter-key");
      if (select.value) params.set(name, select.value); else params.delete(name);
    });
    var sorted = wrapper.querySelector("th[aria-sort]");
    var sortName = wrapper.id + ".sort";
    if (sorted) {
      var order = sorted.getAttribute("aria-sort") === "descending" ? "-" : "";
      params.set(sortName, order + sorted.getAttribute("data-column"));
    } else {
      params.delete(sortName);
    }
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  }

  function makeSortable(wrapper, table) {
    var wanted = new URLSearchParams(window.location.search).get(wrapper.id + ".sort") || "";
    var descending = wanted.charAt(0) === "-";
    var column = descending ? wanted.slice(1) : wanted;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var type = th.getAttribute("data-sort-type");
      if (!type || type === "none") return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "datatable__sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        sortBy(table, index, type, th, th.getAttribute("aria-sort") !== "ascending");
        saveState(wrapper);
      });
      if (column && th.getAttribute("data-column") === column) sortBy(table, index, type, th, !descending);
    });
  }

  function makeFilterable(wrapper, table) {
    var filters = [];
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var key = th.getAttribute("data-filter");
      if (!key) return;
      var labels = {};
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var value = row.getAttribute("data-" + key);
        if (value !== null && !(value in labels)) labels[value] = row.cells[index].textContent.trim();
      });
      filters.push({ key: key, label: th.textContent.trim(), labels: labels });
    });
    if (!filters.length) return;

    var bar = document.createElement("div");
    bar.className = "datatable__filters";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", wrapper.getAttribute("data-filter-label") || "Filter");
    var status = document.createElement("p");
    status.className = "datatable__status";
    status.setAttribute("aria-live", "polite");
    var selects = {};

    function apply() {
      var shown = 0;
      var rows = table.tBodies[0].rows;
      Array.prototype.forEach.call(rows, function (row) {
        var visible = filters.every(function (f) {
          var wanted = selects[f.key].value;
          return wanted === "" || row.getAttribute("data-" + f.key) === wanted;
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      var template = wrapper.getAttribute("data-shown-template") || "{shown} / {total}";
      status.textContent = template.replace("{shown}", shown).replace("{total}", rows.length);
    }

    filters.forEach(function (f) {
      var id = (wrapper.id || "datatable") + "-filter-" + f.key;
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = f.label;
      var select = document.createElement("select");
      select.id = id;
      select.setAttribute("data-filter-key", f.key);
      var all = document.createElement("option");
      all.value = "";
      all.textContent = wrapper.getAttribute("data-all-label") || "All";
      select.appendChild(all);
      Object.keys(f.labels)
        .sort(function (a, b) { return collate(f.labels[a], f.labels[b]); })
        .forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = f.labels[value];
          select.appendChild(option);
        });
      var wanted = new URLSearchParams(window.location.search).get((wrapper.id || "") + "." + f.key);
      if (wanted !== null && Object.prototype.hasOwnProperty.call(f.labels, wanted)) select.value = wanted;
      select.addEventListener("change", function () { apply(); saveState(wrapper); });
      selects[f.key] = select;
      var field = document.createElement("span");
      field.className = "datatable__filter";
      field.appendChild(label);
      field.appendChild(select);
      bar.appendChild(field);
    });
    bar.appendChild(status);
    wrapper.insertBefore(bar, wrapper.querySelector(".datatable__scroll"));
    apply();
  }

  function enhance() {
    var tables = document.querySelectorAll(".datatable table[data-sortable]:not([data-enhanced])");
    Array.prototype.forEach.call(tables, function (table) {
      table.setAttribute("data-enhanced", "");
      var wrapper = table.closest(".datatable");
      wrapper.classList.add("datatable--enhanced");
      makeSortable(wrapper, table);
      makeFilterable(wrapper, table);
    });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
