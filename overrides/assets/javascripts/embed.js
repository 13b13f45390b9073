/* An embed address (hmw_site/embed_pages.py): open the chart's standalone page in the language,
 * colour scheme and view the query asks for, replacing this page in the history.
 *
 * ?lang=zh|zh-Hant|en  ?theme=auto|light|dark (or ?scheme=, its older name)  ?view=articles|all  ?bare  ?transparent
 * Only values this page knows are used; anything else falls back to the default, silently. The
 * target is built from the page's own table (the JSON in #hmw-embed), never from the URL's text.
 */
(function () {
  "use strict";
  var router = JSON.parse(document.getElementById("hmw-embed").textContent);
  var query = new URLSearchParams(window.location.search);

  function known(name, choices, fallback) {
    var value = query.get(name);
    return choices.indexOf(value) >= 0 ? value : fallback;
  }

  var lang = known("lang", Object.keys(router.roots), router.lang);
  var view = router.views[known("view", Object.keys(router.views), "articles")];
  var theme = known("theme", router.themes, known("scheme", router.themes, "auto"));  /* scheme: its older name */
  var passed = [];
  if (theme !== "auto") passed.push("theme=" + theme);
  router.flags.forEach(function (flag) { if (query.has(flag)) passed.push(flag); });
  var target = router.roots[lang] + router.charts + "/" + view + "/" + view + "-" + lang + ".html" +
    (passed.length ? "?" + passed.join("&") : "");
  window.location.replace(target);
})();
