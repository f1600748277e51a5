/* Popups for annotations and notes: hover, keyboard focus or tap shows the
   annotation or the note in place; Escape, moving away or tapping elsewhere
   closes it; a second tap (or a click) still follows the link.  The popup is
   positioned over the page (fixed), so nothing else moves.  No network. */
(function () {
  "use strict";
  var data = {};
  var popup, current = null, touchArmed = null;

  function loadData() {
    var el = document.getElementById("reader-annotations");
    if (el) { try { data = JSON.parse(el.textContent); } catch (e) { data = {}; } }
  }

  function makePopup() {
    popup = document.createElement("div");
    popup.id = "reader-popup";
    popup.setAttribute("role", "tooltip");
    popup.hidden = true;
    document.body.appendChild(popup);
  }

  function contentFor(link) {
    var href = link.getAttribute("href") || "";
    var hash = href.indexOf("#") >= 0 ? href.slice(href.indexOf("#") + 1) : "";
    var frag = document.createDocumentFragment();
    if (link.classList.contains("footnote-reference")) {
      var note = document.getElementById(decodeURIComponent(hash));
      if (!note) { return null; }
      var body = note.cloneNode(true);
      body.removeAttribute("id");
      body.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
      var label = body.querySelector(".label"); if (label) { label.remove(); }
      var wrap = document.createElement("div");
      wrap.className = "reader-popup-note";
      while (body.firstChild) { wrap.appendChild(body.firstChild); }
      frag.appendChild(wrap);
      return frag;
    }
    var ann = data[hash];
    if (!ann) { return null; }
    var head = document.createElement("p");
    head.className = "reader-popup-head";
    var strong = document.createElement("strong");
    strong.textContent = ann.name;
    head.appendChild(strong);
    if (ann.when) { head.appendChild(document.createTextNode(": " + ann.when)); }
    var kind = document.createElement("span");
    kind.className = "reader-popup-kind";
    kind.textContent = ann.kind;
    head.appendChild(kind);
    var summary = document.createElement("p");
    summary.textContent = ann.summary;
    var more = document.createElement("a");
    more.href = href;
    more.textContent = "Open the " + ann.kind + "\u2019s entry";
    more.className = "reader-popup-more";
    frag.appendChild(head); frag.appendChild(summary); frag.appendChild(more);
    return frag;
  }

  function place(link) {
    var r = link.getBoundingClientRect();
    var vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    popup.style.maxWidth = Math.min(352, vw - 16) + "px";
    popup.style.left = "0px"; popup.style.top = "0px";
    var w = popup.offsetWidth, h = popup.offsetHeight;
    var left = Math.max(8, Math.min(r.left, vw - w - 8));
    var top = r.bottom + 6;
    if (top + h > vh - 8 && r.top - h - 6 > 8) { top = r.top - h - 6; }
    popup.style.left = left + "px"; popup.style.top = Math.max(8, top) + "px";
  }

  function show(link) {
    var content = contentFor(link);
    if (!content) { return false; }
    popup.replaceChildren(content);
    popup.hidden = false;
    current = link;
    link.setAttribute("aria-describedby", "reader-popup");
    place(link);
    return true;
  }

  function hide() {
    if (current) { current.removeAttribute("aria-describedby"); }
    popup.hidden = true; current = null; touchArmed = null;
  }

  function triggers() {
    return document.querySelectorAll(".reader-mention a, a.footnote-reference");
  }

  function init() {
    loadData(); makePopup();
    triggers().forEach(function (link) {
      link.addEventListener("mouseenter", function () { show(link); });
      link.addEventListener("mouseleave", function (e) {
        if (!popup.contains(e.relatedTarget)) { hide(); }
      });
      link.addEventListener("focus", function () { show(link); });
      link.addEventListener("blur", function (e) {
        if (!popup.contains(e.relatedTarget)) { hide(); }
      });
      link.addEventListener("pointerdown", function (e) {
        if (e.pointerType === "touch") { touchArmed = touchArmed === link ? "follow" : link; }
      });
      link.addEventListener("click", function (e) {
        // a first tap shows the popup; a second tap follows the link
        if (touchArmed === link) { e.preventDefault(); show(link); }
      });
    });
    popup.addEventListener("mouseleave", function (e) {
      if (e.relatedTarget !== current) { hide(); }
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && current) { var c = current; hide(); c.focus(); popup.hidden = true; }
    });
    document.addEventListener("pointerdown", function (e) {
      if (current && !popup.contains(e.target) && !current.contains(e.target)) { hide(); }
    });
    window.addEventListener("scroll", function () { if (current) { place(current); } },
                            { passive: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else { init(); }
})();
