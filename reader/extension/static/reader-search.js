/* The search page (search.html only; runs after Sphinx's searchtools.js).
 *
 * Sphinx's results, made usable: one result per page (Sphinx lists a register page
 * once for the index entry, once for the entry's object and once for its text), the
 * best first (a register entry or title named by the words, then pages that hold
 * them), entries named as the register names them, with no HTML entities (Sphinx
 * escapes the names twice), and a snippet around the words for every result (Sphinx
 * looks for its stemmed words, "trotski", which the text does not contain, and gives
 * none for an entry).  A result's link carries ?highlight= (Sphinx's own
 * highlighting marks the words on the page) and lands on the entry or paragraph.
 */
"use strict";

(() => {
  if (typeof Search === "undefined") return;

  const decode = (html) =>
    new DOMParser().parseFromString(html, "text/html").documentElement.textContent;
  // "Trotsky’s" is one word here, so that "trotsky" names "Leon Trotsky" better than
  // "Trotsky’s murder"
  const words = (text) =>
    text.toLowerCase().match(/[\p{L}\p{N}_]+(?:['’][\p{L}]+)*/gu) || [];
  const startsWord = (term) =>
    new RegExp(`(?<![\\p{L}\\p{N}_])${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "iu");

  let query = "";
  let terms = []; // the words searched for, as typed (lower case), without stopwords
  let marks = []; // those to mark in the text: not numbers ("1" of "Order No. 1")

  // a name without its original form, "(Лев Давидович Троцкий)"
  const plain = (name) => name.toLowerCase().replace(/\s*\([^()]*\)$/, "");

  /** How well *name* is named by the words: 4 all of it, 3 whole words, 2 word
   * beginnings, 1 anywhere, 0 not at all. */
  const match = (name) => {
    const lower = name.toLowerCase();
    if ([lower, plain(name)].includes(query)) return 4;
    const have = words(name);
    if (terms.every((t) => have.includes(t))) return 3;
    if (terms.every((t) => have.some((w) => w.startsWith(t)))) return 2;
    return terms.every((t) => lower.includes(t)) ? 1 : 0;
  };

  let names = null; // "docname#anchor" → an entry's name
  const entryNames = (index) => {
    const found = new Map();
    for (const [prefix, objects] of Object.entries(index.objects))
      for (const [file, , , anchor, name] of objects)
        found.set(`${index.docnames[file]}#${anchor}`, decode(prefix ? `${prefix}.${name}` : name));
    return found;
  };

  /** The results in Sphinx's form, one per page, best last (the order Sphinx shows). */
  const rank = (results) => {
    const index = Search._index;
    names ??= entryNames(index);
    const highlight = `?highlight=${encodeURIComponent(marks.join(" "))}`;
    const scored = results.map(([docname, title, anchor, , score, filename, kind], order) => {
      const page = index.titles[index.docnames.indexOf(docname)];
      const entry = names.get(docname + anchor);
      const name = entry ?? (kind === "text" ? page : title.split(" > ").pop());
      const shown = entry ? `${page} > ${entry}` : title;
      // an entry first, then a title, then a page that only holds the words
      const kindRank = entry ? 2 : kind === "text" ? 0 : 1;
      // no description: Sphinx then fetches the page and asks for a snippet
      const item = [docname, shown, highlight + anchor, null, score, filename, kind];
      // of two names as good, the shorter: "Petrograd Soviet" before "Trotsky’s
      // expulsion from the Soviet Union"
      const share = kindRank ? query.length / plain(name).length : 0;
      return { item, key: [match(name), kindRank, share, score, -order] };
    });
    scored.sort((a, b) => {
      for (let n = 0; n < a.key.length; n++)
        if (a.key[n] !== b.key[n]) return b.key[n] - a.key[n];
      return 0;
    });
    const seen = new Set();
    const best = scored.filter(({ item }) => !seen.has(item[0]) && seen.add(item[0]));
    best.forEach(({ item }, n) => (item[4] = best.length - n));
    return best.map(({ item }) => item).reverse();
  };

  const searchTerms = Search._parseQuery;
  Search._parseQuery = (text) => {
    const parsed = searchTerms(text);
    query = text.toLowerCase().trim().replace(/\s+/g, " ");
    const typed = words(text);
    terms = typed.filter((w) => !stopwords.has(w));
    if (!terms.length) terms = typed;
    marks = terms.filter((w) => !/^\d+$/.test(w));
    if (!marks.length) marks = terms;
    return parsed;
  };
  const performSearch = Search._performSearch;
  Search._performSearch = (...args) => rank(performSearch(...args));

  const start = Search.performSearch;
  Search.performSearch = (text) => {
    start(text);
    // read out the count of results when the search ends
    Search.status.setAttribute("role", "status");
    // the snippet says where on the page the words are: the link goes there
    new MutationObserver((records) =>
      records.forEach(({ addedNodes }) =>
        addedNodes.forEach((node) => {
          const link = node.dataset?.target && node.parentElement.querySelector("a");
          // (not link.hash, which would make the link absolute)
          if (link) link.href = `${link.getAttribute("href").split("#")[0]}#${node.dataset.target}`;
        }),
      ),
    ).observe(Search.output, { childList: true, subtree: true });
  };

  const SKIP = ".headerlink, .reader-pn, .footnote-reference, script, style";
  const BLOCKS = "p, li, dt, dd, h1, h2, h3, h4, h5, h6, div, td, th, caption, blockquote";
  const textOf = (element) => {
    // a space after each block, so that a heading and its paragraph do not run together
    element.querySelectorAll(BLOCKS).forEach((block) => block.append(" "));
    return element.textContent.replace(/\s+/g, " ").trim();
  };

  /** A snippet of *html* around the first of the words: from the entry *anchor*
   * names, else from the paragraph where they first occur (outside headings). */
  Search.makeSearchSummary = (html, stems, anchor) => {
    const page = new DOMParser().parseFromString(html, "text/html");
    page.querySelectorAll(SKIP).forEach((element) => element.remove());
    const main = page.querySelector('[role="main"]');
    const id = (anchor || "").split("#")[1];
    const summary = document.createElement("p");
    summary.classList.add("context");
    let scope = (id && page.getElementById(id)) || main;
    if (!scope) return summary;
    const patterns = [...marks, ...stems].map(startsWord);
    if (!id) {
      const walker = page.createTreeWalker(main, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (parent.closest("h1, h2, h3, h4, h5, h6")) continue;
        if (!patterns.some((pattern) => pattern.test(node.nodeValue))) continue;
        scope = parent.closest(BLOCKS) || main;
        const target = parent.closest("[id]");
        if (target && target !== main) summary.dataset.target = target.id;
        break;
      }
    }
    const text = textOf(scope);
    const found = patterns.map((p) => text.search(p)).filter((n) => n >= 0);
    const at = found.length ? Math.min(...found) : 0;
    const from = at > 60 ? text.indexOf(" ", at - 60) + 1 : 0;
    let to = Math.min(text.length, from + 240);
    if (to < text.length) to = text.lastIndexOf(" ", to);
    summary.textContent =
      (from > 0 ? "… " : "") + text.slice(from, to) + (to < text.length ? " …" : "");
    return summary;
  };
})();
