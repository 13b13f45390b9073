/* A chart's phone layout: hmwNarrow(figure, width) is the figure to draw in a container `width`
 * CSS px wide. Below the figure's layout.meta.narrow.max_width it returns a copy with the hint
 * applied; otherwise the figure itself. The hint's contract is in charts/narrow.py. The one copy:
 * the site loads it before hmw.js, every standalone chart page inlines it (charts/build.py). */
function hmwNarrow(figure, width) {
  var hint = figure.layout && figure.layout.meta && figure.layout.meta.narrow;
  if (!hint || !(width < hint.max_width)) return figure;
  var copy = JSON.parse(JSON.stringify(figure));
  function set(target, path, value) {
    var parts = path.replace(/\[(\d+)\]/g, ".$1").split(".");
    for (var i = 0; i < parts.length - 1; i++) {
      if (target[parts[i]] == null) target[parts[i]] = /^\d+$/.test(parts[i + 1]) ? [] : {};
      target = target[parts[i]];
    }
    target[parts[parts.length - 1]] = value;
  }
  (hint.markers_only || []).forEach(function (i) { copy.data[i].mode = "markers"; });
  Object.keys(hint.traces || {}).forEach(function (i) {
    Object.keys(hint.traces[i]).forEach(function (k) { set(copy.data[+i], k, hint.traces[i][k]); });
  });
  Object.keys(hint.layout || {}).forEach(function (k) { set(copy.layout, k, hint.layout[k]); });
  return copy;
}
