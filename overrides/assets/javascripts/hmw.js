/* 百模大战 · The Hundred-Model War — charts and the language switcher, on every page.
 *
 * Runs once per full page load (Material loads extra_javascript outside the part of the page that
 * instant navigation replaces) and then on every page through Material's `document$` observable,
 * which emits for the first page and after each instant navigation.
 *
 * Charts: hmw_site/charts.py writes <div class="hmw-chart__plot" data-light=… data-dark=…> with the
 * figure JSON of each colour scheme, relative to this language's site root. On a page that has one,
 * this script loads plotly.js once (asynchronously, so the text never waits for it; the path comes
 * from <script id="__hmw">), fetches the figure for the current scheme and draws it at the size of
 * its box. It redraws with the other JSON when the reader toggles Material's palette
 * (body[data-md-color-scheme]), when a hidden tab or <details> opens and when the box changes size
 * (ResizeObserver), and frees the plots of a page the reader leaves. Below a chart's narrow width
 * (a phone) it draws the phone version the figure's layout.meta.narrow hint describes, with
 * hmwNarrow from narrow.js (config/base.yml loads it before this file).
 *
 * Language switcher: instant navigation does not replace the header, so the switcher's links would
 * keep pointing at the first page's twins; they are re-pointed at the current page's twins.
 *
 * What must happen before Material's bundle starts (the lazy search index, skipping sitemap look-ups
 * that cannot exist) is in overrides/partials/hmw-early.html, inlined into every page's <head>.
 */
(function () {
  "use strict";

  var settings = readJSON("__hmw") || {};
  var materialConfig = readJSON("__config") || { base: "." };
  // This language's site root, absolute. #__config is not replaced by instant navigation, so its
  // relative base is resolved once, against the page that was loaded first (as Material does).
  var siteRoot = new URL(materialConfig.base || ".", window.location.href);
  if (!/\/$/.test(siteRoot.pathname)) siteRoot.pathname += "/";
  // Every language's root, absolute, from the switcher (data-hmw-root is relative to this page).
  var languageRoots = {};
  Array.prototype.forEach.call(document.querySelectorAll(".md-select__link[data-hmw-root]"), function (link) {
    languageRoots[link.getAttribute("hreflang")] = new URL(link.getAttribute("data-hmw-root"), window.location.href);
  });

  var PLOT = ".hmw-chart__plot[data-light][data-dark]";
  var PLOT_CONFIG = { displayModeBar: false, displaylogo: false, responsive: false, scrollZoom: false };
  // Words come from the one vocabulary (charts/strings.yaml, keys js.*), in the page's language.
  var STRINGS = settings.strings || {};

  var plotlyPromise = null;
  var figureCache = new Map(); // URL → Promise of the figure's JSON text
  var plots = new Set(); // plot elements of the current page
  var resizeObserver = "ResizeObserver" in window ? new ResizeObserver(onResize) : null;
  var firstPage = true;

  function readJSON(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try {
      return JSON.parse(el.textContent);
    } catch (error) {
      return null;
    }
  }

  // --- language switcher ---------------------------------------------------------------------------

  // Point each switcher link at the current page's twin: the same path below the other root.
  function updateSwitcher() {
    var here = window.location.pathname;
    if (here.indexOf(siteRoot.pathname) !== 0) return;
    var rest = here.slice(siteRoot.pathname.length);
    Array.prototype.forEach.call(document.querySelectorAll(".md-select__link[data-hmw-root]"), function (link) {
      var root = languageRoots[link.getAttribute("hreflang")];
      if (root) link.href = new URL(rest, root).href;
    });
  }

  // --- charts ------------------------------------------------------------------------------------

  function scheme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
  }

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotlyPromise) {
      plotlyPromise = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL(settings.plotly, siteRoot).href;
        script.async = true;
        script.onload = function () {
          resolve(window.Plotly);
        };
        script.onerror = function () {
          plotlyPromise = null;
          script.remove();
          reject(new Error("hmw: could not load " + script.src));
        };
        // In <body>: instant navigation drops <head> elements the next page does not have.
        document.body.appendChild(script);
      });
    }
    return plotlyPromise;
  }

  function figureText(path) {
    var url = new URL(path, siteRoot).href;
    if (!figureCache.has(url)) {
      var request = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("hmw: " + url + " answered " + response.status);
        return response.text();
      });
      request.catch(function () {
        figureCache.delete(url);
      });
      figureCache.set(url, request);
    }
    return figureCache.get(url);
  }

  // Draw (or redraw) one chart for the current scheme at its box's size. Draws of one chart never
  // overlap: a request during a draw runs once the draw is done.
  function draw(el) {
    if (el.__hmwBusy) {
      el.__hmwAgain = true;
      return el.__hmwBusy;
    }
    var width = el.clientWidth;
    var height = el.clientHeight;
    if (!width || !height) return Promise.resolve(); // hidden; the ResizeObserver calls again
    var want = scheme();
    var state = el.__hmwState;
    if (state && state.scheme === want && state.width === width && state.height === height) {
      return Promise.resolve();
    }
    var path = el.getAttribute(want === "dark" ? "data-dark" : "data-light");
    var narrow = false;
    el.__hmwBusy = Promise.all([loadPlotly(), figureText(path)])
      .then(function (results) {
        var Plotly = results[0];
        if (!el.isConnected) return null;
        var figure = JSON.parse(results[1]);
        // The figure as a phone should see it (narrow.js, loaded before this file; the same code
        // runs in every standalone chart page).
        var drawn = hmwNarrow(figure, width);
        narrow = drawn !== figure;
        // On a phone the legend moves below the plot and the hint asks for a taller figure.
        el.style.height = narrow && drawn.layout && drawn.layout.height ? drawn.layout.height + "px" : "";
        height = el.clientHeight;
        if (state && state.scheme === want && state.narrow === narrow) {
          return Plotly.relayout(el, { width: width, height: height });
        }
        var layout = drawn.layout || {};
        layout.autosize = false;
        layout.width = width;
        layout.height = height;
        var plot = state ? Plotly.react : Plotly.newPlot;
        return plot(el, drawn.data || [], layout, PLOT_CONFIG);
      })
      .then(function () {
        el.__hmwState = { scheme: want, width: width, height: height, narrow: narrow };
        el.classList.add("hmw-chart__plot--drawn");
        el.classList.remove("hmw-chart__plot--error");
      })
      .catch(function (error) {
        console.error(error);
        showError(el);
      })
      .then(function () {
        el.__hmwBusy = null;
        if (el.__hmwAgain) {
          el.__hmwAgain = false;
          return draw(el);
        }
        return null;
      });
    return el.__hmwBusy;
  }

  function showError(el) {
    if (el.__hmwState || !el.isConnected) return;
    el.classList.add("hmw-chart__plot--error");
    el.textContent = STRINGS.chart_failed;
  }

  function onResize(entries) {
    entries.forEach(function (entry) {
      if (plots.has(entry.target)) draw(entry.target);
    });
  }

  function purge(el) {
    if (resizeObserver) resizeObserver.unobserve(el);
    if (window.Plotly && el.__hmwState) window.Plotly.purge(el);
    el.__hmwState = null;
    plots.delete(el);
  }

  // Free the previous page's plots and start the current page's.
  function setUpCharts() {
    plots.forEach(purge);
    var found = document.querySelectorAll(PLOT);
    Array.prototype.forEach.call(found, function (el) {
      plots.add(el);
      if (resizeObserver) resizeObserver.observe(el); // reports the first size, which draws
      else draw(el);
    });
  }

  // Re-theme every drawn chart when the palette toggle changes the scheme.
  function watchScheme() {
    new MutationObserver(function () {
      plots.forEach(function (el) {
        draw(el);
      });
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  if (!resizeObserver) {
    window.addEventListener("resize", function () {
      plots.forEach(function (el) {
        draw(el);
      });
    });
  }

  // --- wiring ------------------------------------------------------------------------------------

  function onPage() {
    if (!firstPage) updateSwitcher(); // the first page's links come right from the server
    firstPage = false;
    setUpCharts();
  }

  if (document.body) watchScheme();
  else document.addEventListener("DOMContentLoaded", watchScheme);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
