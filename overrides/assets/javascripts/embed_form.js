/* The embed code under a chart (hmw_site/templates/chart_embed.html): show the choices of its
 * address (language, colours, view, chart alone) and rewrite the code as they change. Without
 * JavaScript the form stays hidden and the code is the address in the page's language.
 * The address is made of the page's own base and the form's own option values only.
 */
(function () {
  "use strict";

  function address(form) {
    var parts = ["lang=" + form.elements.lang.value];
    if (form.elements.theme.value !== "auto") parts.push("theme=" + form.elements.theme.value);
    if (form.elements.view) parts.push("view=" + form.elements.view.value);
    if (form.elements.bare.checked) parts.push("bare");
    return form.getAttribute("data-embed-base") + "?" + parts.join("&");
  }

  function update(form, code) {
    var url = address(form).replace(/&/g, "&amp;").replace(/"/g, "&quot;");
    code.textContent = code.textContent.replace(/src="[^"]*"/, 'src="' + url + '"');
  }

  function enhance() {
    var forms = document.querySelectorAll("form.hmw-embed-options[hidden]");
    Array.prototype.forEach.call(forms, function (form) {
      var code = form.parentNode.querySelector("code");
      if (!code) return;
      form.hidden = false;
      form.addEventListener("change", function () { update(form, code); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      update(form, code);
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
