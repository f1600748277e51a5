"""Pages of texts that are gone, removed from the site.

Sphinx writes a page for every text and never deletes one: a text removed from the
book keeps its page in the output folder, and the site keeps publishing it.  The
site's folder keeps a list of the pages the last build left (``.reader-pages``);
at the end of a build, the pages of texts no longer in the book are deleted.  Pages
that other extensions write (the index, the search page) are not texts and are never
touched.  (The e-book prunes its own folder before packing:
:meth:`reader.builders.epub.ReaderEpubBuilder.prune_stale_pages`.)
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

MANIFEST = ".reader-pages"
SITE_BUILDERS = ("html",)


def prune_site(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: delete the pages of texts removed since the last build."""
    if exception is not None or app.builder.name not in SITE_BUILDERS:
        return
    outdir = Path(app.outdir)
    manifest = outdir / MANIFEST
    current = set(app.env.all_docs)
    previous = set(manifest.read_text(encoding="utf-8").split()) if manifest.exists() else set()
    for name in sorted(previous - current):
        for path in (
            outdir / f"{name}{app.builder.out_suffix}",
            outdir / "_sources" / f"{name}.rst.txt",
            outdir / "_sources" / f"{name}.txt",
        ):
            path.unlink(missing_ok=True)
    manifest.write_text("\n".join(sorted(current)) + "\n", encoding="utf-8")
