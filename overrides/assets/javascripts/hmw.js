/* 百模大战 · The Hundred-Model War — charts and the language switcher, on every page.
 *
 * Runs once per full page load (Material loads extra_javascript outside the part of the page that
 * instant navigation replaces) and then on every page through Material's `document$` observable,
 * which emits for the first page and after each instant navigation.
 *
 * Charts: hmw_site/charts.py writes <div class="hmw-chart__plot" data-light=… data-dark=…> with the
 * figure JSON of each colour scheme, relative to this language's site root. plotly.js is big (about
 * 2 s of a mid-range phone's CPU), so no page waits for it. In a phone-wide column (narrower than
 * data-narrow-below) the chart shows at once as the SVG of itself drawn at that width, in the current
 * scheme (CSS swaps the two images), and plotly.js loads only when the reader reaches for the chart: a
 * tap on it or on its button, a mouse over it, keyboard focus. In a wider column the chart is drawn
 * when the page is idle and the chart is in view (or sooner, when reached for). The box keeps its
 * size throughout, so nothing below it moves. Once loaded, the figure is drawn at the size of its
 * box; it is redrawn with the other JSON when the reader toggles Material's palette
 * (body[data-md-color-scheme]), when a hidden tab or <details> opens and when the box changes size
 * (ResizeObserver), and the plots of a page the reader leaves are freed. Below the narrow width it
 * draws the phone version the figure's layout.meta.narrow hint describes, with hmwNarrow from
 * narrow.js (config/base.yml loads it before this file).
 *
 * Embed code: the form under each chart's embed code writes the chart's address (setUpEmbedForms).
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
  var viewObserver = "IntersectionObserver" in window ? new IntersectionObserver(onView) : null;
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
        // runs in every standalone chart page). The box's height for it comes from the CSS
        // (--hmw-chart-phone-height, the hint's height), so drawing it moves nothing.
        var drawn = hmwNarrow(figure, width);
        narrow = drawn !== figure;
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
        removeButton(el);
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

  // A chart that could not be drawn: its static image (if any) stays, with the message on its button;
  // without one, the message takes the box.
  function showError(el) {
    if (el.__hmwState || !el.isConnected) return;
    el.__hmwAsked = false; // a later tap tries again
    var button = el.__hmwButton;
    if (button && el.querySelector(".hmw-chart__phone")) {
      button.textContent = STRINGS.chart_failed;
      return;
    }
    el.classList.add("hmw-chart__plot--error");
    el.textContent = STRINGS.chart_failed;
  }

  // --- when to draw --------------------------------------------------------------------------------

  // In a phone-wide column the static image stands in until the reader asks.
  function showsStatic(el) {
    var below = parseFloat(el.getAttribute("data-narrow-below")) || 0;
    return el.clientWidth < below && Boolean(el.querySelector(".hmw-chart__phone"));
  }

  // The reader asked for this chart (or, in a wide column, the page is idle with it in view).
  function ask(el) {
    if (el.__hmwAsked || !plots.has(el)) return;
    el.__hmwAsked = true;
    var button = el.__hmwButton;
    if (button) {
      button.textContent = STRINGS.loading;
    }
    draw(el);
  }

  // The button over a static chart: what a reader on a phone taps (or reaches with the keyboard).
  function addButton(el) {
    if (el.__hmwButton || el.__hmwState) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "hmw-chart__explore";
    button.textContent = STRINGS.explore;
    button.addEventListener("click", function () {
      ask(el);
    });
    button.addEventListener("focus", function () {
      ask(el);
    });
    el.parentNode.appendChild(button); // beside the role="img" box, not inside it
    el.__hmwButton = button;
  }

  function removeButton(el) {
    if (el.__hmwButton) el.__hmwButton.remove();
    el.__hmwButton = null;
  }

  // An idle moment, or at most IDLE_WAIT ms: a browser with nothing to do (a figure just switched
  // into view with no other work on the page) may put off an idle callback without a deadline.
  var IDLE_WAIT = 1500;
  function whenIdle(callback) {
    if (window.requestIdleCallback) return window.requestIdleCallback(callback, { timeout: IDLE_WAIT });
    return window.setTimeout(callback, 200);
  }

  // A wide column draws its chart once the page is idle and the chart is in view.
  function considerDrawing(el) {
    if (el.__hmwAsked || el.__hmwState) {
      draw(el); // a new size or scheme
      return;
    }
    if (showsStatic(el)) {
      addButton(el);
      return;
    }
    removeButton(el);
    if (inView(el)) {
      whenIdle(function () {
        if (inView(el) && !showsStatic(el)) ask(el);
      });
    }
  }

  // Known once the IntersectionObserver has reported; without one, every chart counts as in view.
  function inView(el) {
    return viewObserver ? el.__hmwInView === true : true;
  }

  function onResize(entries) {
    entries.forEach(function (entry) {
      if (plots.has(entry.target)) considerDrawing(entry.target);
    });
  }

  function onView(entries) {
    entries.forEach(function (entry) {
      var el = entry.target;
      if (!plots.has(el)) return;
      el.__hmwInView = entry.isIntersecting;
      if (entry.isIntersecting) considerDrawing(el);
    });
  }

  // A mouse or pen over the chart or a tap on it: the reader reaches for it (so does focusing or
  // pressing its button, see addButton).
  function listenForReader(el) {
    el.addEventListener("pointerenter", function (event) {
      if (event.pointerType !== "touch") ask(el); // a finger scrolling past is not a request
    });
    el.addEventListener("click", function () {
      ask(el);
    });
  }

  function purge(el) {
    if (resizeObserver) resizeObserver.unobserve(el);
    if (viewObserver) viewObserver.unobserve(el);
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
      listenForReader(el);
      if (viewObserver) viewObserver.observe(el);
      if (resizeObserver) resizeObserver.observe(el); // reports the first size
      else considerDrawing(el);
    });
  }

  // Re-theme every drawn chart when the palette toggle changes the scheme (CSS swaps static images).
  function watchScheme() {
    new MutationObserver(function () {
      plots.forEach(function (el) {
        if (el.__hmwState) draw(el);
      });
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  if (!resizeObserver) {
    window.addEventListener("resize", function () {
      plots.forEach(considerDrawing);
    });
  }

  // --- the embed code under a chart -------------------------------------------------------------
  // hmw_site/templates/chart_embed.html: show the choices of the chart's address (language, colours,
  // view, chart only) and rewrite the code as they change. Without JavaScript the form stays hidden
  // and the code is the address in the page's language. The address is made of the page's own base
  // and the form's own option values only.

  function embedAddress(form) {
    var parts = ["lang=" + form.elements.lang.value];
    if (form.elements.theme.value !== "auto") parts.push("theme=" + form.elements.theme.value);
    if (form.elements.view) parts.push("view=" + form.elements.view.value);
    if (form.elements.bare.checked) parts.push("bare");
    return form.getAttribute("data-embed-base") + "?" + parts.join("&");
  }

  function writeEmbedCode(form, code) {
    var url = embedAddress(form).replace(/&/g, "&amp;").replace(/"/g, "&quot;");
    code.textContent = code.textContent.replace(/src="[^"]*"/, 'src="' + url + '"');
  }

  function setUpEmbedForms() {
    var forms = document.querySelectorAll("form.hmw-embed-options[hidden]");
    Array.prototype.forEach.call(forms, function (form) {
      var code = form.parentNode.querySelector("code");
      if (!code) return;
      form.hidden = false;
      form.addEventListener("change", function () { writeEmbedCode(form, code); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      writeEmbedCode(form, code);
    });
  }

  // --- wiring ------------------------------------------------------------------------------------

  function onPage() {
    if (!firstPage) updateSwitcher(); // the first page's links come right from the server
    firstPage = false;
    setUpCharts();
    setUpEmbedForms();
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
