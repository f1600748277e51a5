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
    // inside the main landmark, where its text comes from: content outside every
    // landmark is lost to a screen reader's landmark navigation (axe: region)
    (document.querySelector("[role=main], main") || document.body).appendChild(popup);
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
    popup.style.maxHeight = "";
    popup.style.left = "0px"; popup.style.top = "0px";
    var w = popup.offsetWidth, h = popup.offsetHeight;
    var left = Math.max(8, Math.min(r.left, vw - w - 8));
    var top = r.bottom + 6;
    // below the link, or above it; a note too long for either side (on a phone) goes
    // on the roomier one and scrolls, so that it never runs off the screen
    var below = vh - 8 - top, above = r.top - 14;
    if (h > below && (h <= above || above > below)) { h = Math.min(h, above); top = r.top - h - 6; }
    else if (h > below && below > 48) { h = below; }
    popup.style.maxHeight = h + "px";
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

/* The Cite panel: a Cite button on the book (home page), the chapter, each
   quotation and each entry of a list of works (written into the page when it is
   built, so nothing moves here) opens a dialog with the CMOS note,
   BibTeX and CSL-JSON (and, for a quotation or a paragraph, LaTeX and pandoc
   commands with the locator), each with a copy button; the note is copied with its
   italics where the browser allows.  A paragraph's number opens the same dialog for
   the paragraph, with its link.  A native <dialog>: keyboard, Escape and touch
   work; no network. */
(function () {
  "use strict";
  var FORMS = [
    ["link", "Link"], ["note", "Note (Chicago)"], ["bibtex", "BibTeX"], ["csl", "CSL-JSON"],
    ["latex", "LaTeX (biblatex)"], ["pandoc", "pandoc / Markdown"]
  ];
  var PARA = "{{para}}";
  var data = {}, dialog = null, opener = null;

  function copy(text, button, html) {
    function done(ok) {
      var old = button.dataset.label || button.textContent;
      button.dataset.label = old;
      button.textContent = ok ? "Copied" : "Select and copy";
      setTimeout(function () { button.textContent = old; }, 1500);
    }
    if (navigator.clipboard && window.isSecureContext) {
      var write;
      if (html && window.ClipboardItem && navigator.clipboard.write) {
        // the note with its italics for word processors, plain text for the rest
        write = navigator.clipboard.write([new ClipboardItem({
          "text/html": new Blob([html], { type: "text/html" }),
          "text/plain": new Blob([text], { type: "text/plain" })
        })]);
      } else { write = navigator.clipboard.writeText(text); }
      write.then(function () { done(true); }, function () { done(fallback(text)); });
    } else { done(fallback(text)); }
  }

  function forParagraph(item, number) {
    var filled = {};
    Object.keys(item).forEach(function (key) {
      filled[key] = String(item[key]).split(PARA).join(number);
    });
    filled.label = "paragraph " + number;
    if (!filled.link) { filled.link = location.href.split("#")[0] + "#p-" + number; }
    return filled;
  }

  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", "");
    area.style.position = "fixed"; area.style.opacity = "0";
    document.body.appendChild(area); area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    return ok;
  }

  function makeDialog() {
    dialog = document.createElement("dialog");
    dialog.id = "reader-cite-dialog";
    dialog.setAttribute("aria-labelledby", "reader-cite-title");
    dialog.addEventListener("close", function () { if (opener) { opener.focus(); } });
    dialog.addEventListener("click", function (e) { if (e.target === dialog) { dialog.close(); } });
    document.body.appendChild(dialog);
  }

  function open(item, button) {
    opener = button;
    dialog.replaceChildren();
    var head = document.createElement("div");
    head.className = "reader-cite-head";
    var title = document.createElement("h2");
    title.id = "reader-cite-title";
    title.textContent = "Cite " + item.label;
    var close = document.createElement("button");
    close.type = "button"; close.className = "reader-cite-close"; close.textContent = "Close";
    close.addEventListener("click", function () { dialog.close(); });
    head.appendChild(title); head.appendChild(close);
    dialog.appendChild(head);
    FORMS.forEach(function (form) {
      var text = item[form[0]];
      if (!text) { return; }
      var section = document.createElement("section");
      section.className = "reader-cite-form";
      section.dataset.form = form[0];
      var label = document.createElement("h3");
      label.textContent = form[1];
      var pre = document.createElement("pre");
      pre.textContent = text;
      pre.tabIndex = 0;
      var button = document.createElement("button");
      button.type = "button"; button.className = "reader-cite-copy";
      button.textContent = "Copy " + form[1];
      var html = form[0] === "note" ? item.note_html : null;
      button.addEventListener("click", function () { copy(text, button, html); });
      section.appendChild(label); section.appendChild(button); section.appendChild(pre);
      dialog.appendChild(section);
    });
    dialog.showModal();
    close.focus();
  }

  function attach(button) {
    var item = data[button.dataset.cite];
    if (!item) { return; }
    button.addEventListener("click", function () { open(item, button); });
    button.dataset.ready = "";  // shown from now on (reader.css)
  }

  function numberParagraphs(item) {
    document.querySelectorAll("a.reader-pn").forEach(function (link) {
      var number = link.textContent.trim();
      link.setAttribute("aria-haspopup", "dialog");
      link.title = "Paragraph " + number + ": cite it or copy its link";
      link.addEventListener("click", function (e) {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) { return; }
        e.preventDefault();
        if (history.replaceState) { history.replaceState(null, "", "#p-" + number); }
        open(forParagraph(item, number), link);
      });
    });
  }

  function init() {
    var el = document.getElementById("reader-citations");
    if (!el) { return; }
    try { data = JSON.parse(el.textContent); } catch (e) { return; }
    makeDialog();
    if (data["reader-paragraph"]) { numberParagraphs(data["reader-paragraph"]); }
    document.querySelectorAll("button.reader-cite-button[data-cite]").forEach(attach);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else { init(); }
})();
