/* 百模大战 · The Hundred-Model War — the content's tooltips: a glossary term's definition, what a
 * status mark means, where a number comes from (every [title] inside the page's content).
 *
 * Why not Material's `content.tooltips`: it sets up every titled element of the content when a page
 * loads — hundreds on the data pages, dozens on a summary — and Lighthouse measured that as the
 * largest part of a text page's blocking time on a mid-range phone. This does nothing until the
 * reader points at, taps or tabs to such an element: one listener per event type on the document,
 * one tooltip element for the whole page, made the first time it is needed.
 *
 * While the tooltip shows, the element's title moves to data-hmw-title (so the browser does not
 * show its own tooltip on top) and the element is described by the tooltip (aria-describedby);
 * both are put back when it hides: on leaving the element, on blur, on Escape, on a tap elsewhere
 * and when instant navigation replaces the page. On scroll it follows its element.
 */
(function () {
  "use strict";

  var HOST = ".md-content [title], .md-content [data-hmw-title]";
  var GAP = 8; // px between the element and the tooltip
  var tip = null;
  var host = null;

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "hmw-tooltip";
      tip.className = "hmw-tooltip md-typeset";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    return tip;
  }

  function hostOf(target) {
    return target && target.closest ? target.closest(HOST) : null;
  }

  function show(element) {
    if (element === host) return;
    hide();
    var text = element.getAttribute("title") || element.getAttribute("data-hmw-title");
    if (!text) return;
    host = element;
    element.setAttribute("data-hmw-title", text);
    element.removeAttribute("title");
    element.setAttribute("aria-describedby", "hmw-tooltip");
    var box = tooltip();
    box.textContent = text;
    box.hidden = false;
    place(box, element.getBoundingClientRect());
  }

  /* Below the element, or above it when there is no room below; never past the viewport's sides. */
  function place(box, rect) {
    box.style.left = "0px";
    box.style.top = "0px";
    var width = box.offsetWidth;
    var height = box.offsetHeight;
    var viewport = document.documentElement.clientWidth;
    var left = Math.min(Math.max(GAP, rect.left + rect.width / 2 - width / 2), viewport - width - GAP);
    var below = rect.bottom + GAP;
    var top = below + height > window.innerHeight && rect.top - GAP - height > 0 ? rect.top - GAP - height : below;
    box.style.left = Math.max(GAP, left) + "px";
    box.style.top = top + "px";
  }

  function hide() {
    if (!host) return;
    host.setAttribute("title", host.getAttribute("data-hmw-title"));
    host.removeAttribute("data-hmw-title");
    host.removeAttribute("aria-describedby");
    host = null;
    if (tip) tip.hidden = true;
  }

  document.addEventListener("pointerover", function (event) {
    var element = hostOf(event.target);
    if (element) show(element);
  });
  document.addEventListener("pointerout", function (event) {
    if (host && event.pointerType === "mouse" && !host.contains(event.relatedTarget)) hide();
  });
  document.addEventListener("pointerdown", function (event) {
    if (host && !host.contains(event.target)) hide();
  });
  document.addEventListener("focusin", function (event) {
    var element = hostOf(event.target);
    if (element) show(element);
  });
  document.addEventListener("focusout", function (event) {
    if (host && host.contains(event.target)) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
  // position: fixed, so a scroll moves the element away from its tooltip: follow it, once a frame.
  var following = false;
  window.addEventListener(
    "scroll",
    function () {
      if (!host || following) return;
      following = true;
      window.requestAnimationFrame(function () {
        following = false;
        if (host) place(tooltip(), host.getBoundingClientRect());
      });
    },
    { passive: true }
  );
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(hide);
})();
