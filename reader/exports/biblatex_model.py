"""What biblatex's default data model lets each entry type hold (biblatex 3, ``blx-dm.def``).

The BibLaTeX export keeps to it, so that ``biber --validate-datamodel`` finds nothing
to say: a field the model gives no place to in an entry's type goes into the
entry's ``annotation`` (which no style prints) instead of being dropped.  The lists
are those of ``\\DeclareDatamodelEntryfields`` in biblatex's data model, for the entry
types the export writes; the date fields (``date``, ``origdate``, ``urldate``,
``eventdate``) are valid in every type.
"""

from __future__ import annotations


def _fields(names: str) -> frozenset[str]:
    return frozenset(names.split())


#: Fields every entry type may hold.
GLOBAL_FIELDS = _fields(
    """
    abstract annotation authortype bookpagination crossref day doi endday endhour
    endminute endmonth endsecond endtimezone endyear endyeardivision entryset
    entrysubtype eprint eprintclass eprinttype execute file gender hour ids
    indexsorttitle indextitle isan ismn iswc keywords label langid langidopts library
    lista listb listc listd liste listf minute month namea nameaddon nameatype nameb
    namebtype namec namectype options origday origendday origendhour origendminute
    origendmonth origendsecond origendtimezone origendyear origendyeardivision orighour
    origlocation origminute origmonth origpublisher origsecond origtimezone origtitle
    origyear origyeardivision pagination presort related relatedoptions relatedstring
    relatedtype second shortauthor shorteditor shorthand shorthandintro shortjournal
    shortseries shorttitle sortkey sortname sortshorthand sorttitle sortyear timezone
    url urlday urlendday urlendhour urlendminute urlendmonth urlendsecond urlendtimezone
    urlendyear urlhour urlminute urlmonth urlsecond urltimezone urlyear usera userb
    userc userd usere userf verba verbb verbc xdata xref year yeardivision date
    eventdate origdate urldate
    """
)

#: biblatex declares one list of fields for ``@collection`` and ``@reference``.
_COLLECTION = _fields(
    """
    addendum afterword annotator chapter commentator edition editor editora
    editoratype editorb editorbtype editorc editorctype editortype eid foreword
    introduction isbn language location mainsubtitle maintitle maintitleaddon
    note number origlanguage pages pagetotal part publisher pubstate series
    subtitle title titleaddon translator volume volumes
    """
)

#: The fields of each entry type, beyond the global ones.
TYPE_FIELDS: dict[str, frozenset[str]] = {
    "article": _fields(
        """
        addendum annotator author commentator editor editora editoratype editorb
        editorbtype editorc editorctype editortype eid issn issue issuesubtitle
        issuetitle issuetitleaddon journalsubtitle journaltitle journaltitleaddon
        language note number origlanguage pages pubstate series subtitle title
        titleaddon translator version volume
        """
    ),
    "book": _fields(
        """
        addendum afterword annotator author chapter commentator edition editor
        editora editoratype editorb editorbtype editorc editorctype editortype eid
        foreword introduction isbn language location mainsubtitle maintitle
        maintitleaddon note number origlanguage pages pagetotal part publisher
        pubstate series subtitle title titleaddon translator volume volumes
        """
    ),
    "booklet": _fields(
        """
        addendum author chapter editor editortype eid howpublished language location
        note pages pagetotal pubstate subtitle title titleaddon type
        """
    ),
    "collection": _COLLECTION,
    "inbook": _fields(
        """
        addendum afterword annotator author bookauthor booksubtitle booktitle
        booktitleaddon chapter commentator edition editor editora editoratype
        editorb editorbtype editorc editorctype editortype eid foreword introduction
        isbn language location mainsubtitle maintitle maintitleaddon note number
        origlanguage pages part publisher pubstate series subtitle title titleaddon
        translator volume volumes
        """
    ),
    "incollection": _fields(
        """
        addendum afterword annotator author booksubtitle booktitle booktitleaddon
        chapter commentator edition editor editora editoratype editorb editorbtype
        editorc editorctype editortype eid foreword introduction isbn language
        location mainsubtitle maintitle maintitleaddon note number origlanguage
        pages part publisher pubstate series subtitle title titleaddon translator
        volume volumes
        """
    ),
    "inproceedings": _fields(
        """
        addendum author booksubtitle booktitle booktitleaddon chapter editor
        editortype eid eventday eventendday eventendhour eventendminute
        eventendmonth eventendsecond eventendtimezone eventendyear
        eventendyeardivision eventhour eventminute eventmonth eventsecond
        eventtimezone eventtitle eventtitleaddon eventyear eventyeardivision isbn
        language location mainsubtitle maintitle maintitleaddon note number
        organization pages part publisher pubstate series subtitle title titleaddon
        venue volume volumes
        """
    ),
    "manual": _fields(
        """
        addendum author chapter edition editor editortype eid isbn language location
        note number organization pages pagetotal publisher pubstate series subtitle
        title titleaddon type version
        """
    ),
    "misc": _fields(
        """
        addendum author editor editortype howpublished language location note
        organization pubstate subtitle title titleaddon type version
        """
    ),
    "mvbook": _fields(
        """
        addendum afterword annotator author commentator edition editor editora
        editoratype editorb editorbtype editorc editorctype editortype foreword
        introduction isbn language location note number origlanguage pagetotal
        publisher pubstate series subtitle title titleaddon translator volume
        volumes
        """
    ),
    "online": _fields(
        """
        addendum author editor editortype language note organization pubstate
        subtitle title titleaddon version
        """
    ),
    "periodical": _fields(
        """
        addendum editor editora editoratype editorb editorbtype editorc editorctype
        editortype issn issue issuesubtitle issuetitle issuetitleaddon language note
        number pubstate series subtitle title titleaddon volume yeardivision
        """
    ),
    "proceedings": _fields(
        """
        addendum chapter editor editortype eid eventday eventendday eventendhour
        eventendminute eventendmonth eventendsecond eventendtimezone eventendyear
        eventendyeardivision eventhour eventminute eventmonth eventsecond
        eventtimezone eventtitle eventtitleaddon eventyear eventyeardivision isbn
        language location mainsubtitle maintitle maintitleaddon note number
        organization pages pagetotal part publisher pubstate series subtitle title
        titleaddon venue volume volumes
        """
    ),
    "reference": _COLLECTION,
    "report": _fields(
        """
        addendum author chapter eid institution isrn language location note number
        pages pagetotal pubstate subtitle title titleaddon type version
        """
    ),
    "thesis": _fields(
        """
        addendum author chapter eid institution language location note pages
        pagetotal pubstate subtitle title titleaddon type
        """
    ),
    "unpublished": _fields(
        """
        addendum author eventday eventendday eventendhour eventendminute
        eventendmonth eventendsecond eventendtimezone eventendyear
        eventendyeardivision eventhour eventminute eventmonth eventsecond
        eventtimezone eventtitle eventtitleaddon eventyear eventyeardivision
        howpublished language location note pubstate subtitle title titleaddon type
        venue
        """
    ),
}


def allowed(entry_type: str, field: str) -> bool:
    """Whether biblatex's data model gives *field* a place in an entry of *entry_type*."""
    name = field.lower()
    return name in GLOBAL_FIELDS or name in TYPE_FIELDS.get(entry_type.lower(), frozenset())
