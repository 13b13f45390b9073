{# The standalone page's script; not escaped (JavaScript): values go in as JSON (tojson). #}
(function () {
  "use strict";
  var el = document.getElementById({{ dom_id | tojson }});
  var figures = JSON.parse(document.getElementById({{ (dom_id ~ "-figures") | tojson }}).textContent);
  var query = new URLSearchParams(window.location.search);
  /* ?theme=light|dark fixes the colours (?scheme= is its older name); auto or anything else follows the system. */
  var forced = query.get("theme") || query.get("scheme");
  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  var transparent = query.has("transparent");
  if (transparent) document.body.classList.add("transparent");
  if (query.has("bare")) document.body.classList.add("bare");
  var config = { responsive: true, displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d", "zoomIn2d", "zoomOut2d"] };
  var bare = query.has("bare");
  var narrowNow = null;
  function isNarrow(figure) {
    var hint = figure.layout.meta && figure.layout.meta.narrow;
    return Boolean(hint) && (el.clientWidth || document.documentElement.clientWidth) < hint.max_width;
  }
  function draw() {
    var scheme = forced === "light" || forced === "dark" ? forced : (dark && dark.matches ? "dark" : "light");
    document.body.setAttribute("data-scheme", scheme);
    var figure = hmwNarrow(figures[scheme], el.clientWidth || document.documentElement.clientWidth);
    narrowNow = figure !== figures[scheme];
    var layout = Object.assign({}, figure.layout);
    if (narrowNow && layout.height && !bare) {
      el.style.flex = "none";
      el.style.height = layout.height + "px";
    } else {
      el.style.flex = "";
      el.style.height = "";
      delete layout.height;
    }
    if (transparent) { layout.paper_bgcolor = "rgba(0,0,0,0)"; layout.plot_bgcolor = "rgba(0,0,0,0)"; }
    Plotly.react(el, figure.data, layout, config);
  }
  function redraw() {
    if (!(el.offsetWidth > 0 && el.offsetHeight > 0 && el.data)) return;
    if (isNarrow(figures.light) !== narrowNow) draw();
    else Plotly.Plots.resize(el);
  }
  draw();
  if (dark && dark.addEventListener) dark.addEventListener("change", draw);
  if ("ResizeObserver" in window) new ResizeObserver(redraw).observe(el);
  if ("IntersectionObserver" in window) {
    new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) { if (entry.isIntersecting) redraw(); });
    }).observe(el);
  }
  document.addEventListener("visibilitychange", redraw);
  window.addEventListener("resize", redraw);
  window.addEventListener("message", function (event) {
    if (event.data === "chart:resize" || (event.data && event.data.type === "chart:resize")) redraw();
  });
})();
