"""XML in two steps, safe and fast.

1. defusedxml reads the prolog, everything up to the root element's start tag, and refuses
   a DTD there. A DTD can stand nowhere else, and without one a document cannot declare an
   entity or refer to an external one, so nothing can be expanded or fetched later.
2. The body is then streamed through lxml (libxml2) with no DTD loaded and no network:
   an entity reference is undeclared and so an error. Only the
   elements a reader asks for come up to Python, and each is dropped once read, so memory
   stays flat however long the track. defusedxml's own parser is pure Python and takes
   about ten times longer on a watch's track (see docs/activities.md).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from lxml import etree

from runlift.io.activities.errors import ActivityError

PROLOG_CHUNK = 4096


class _RootReached(Exception):
    """Raised by the prolog target at the root's start tag: the rest is not its business."""

    def __init__(self, tag: str) -> None:
        super().__init__(tag)
        self.tag = tag


class _Prolog:
    """A parser target that stops at the first start tag (the root element)."""

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        raise _RootReached(tag)

    def end(self, tag: str) -> None:  # pragma: no cover - never reached before a start
        return None

    def data(self, data: str) -> None:
        return None

    def close(self) -> None:
        return None


def _where(error: ParseError) -> str:
    line, column = getattr(error, "position", (0, 0))
    return f"not well-formed XML (line {line}, column {column})"


def root_tag(data: bytes, name: str) -> str:
    """The root element's tag (with its namespace), once defusedxml has found no DTD before
    it; ActivityError for a DTD, an entity, or a document that is not XML."""
    parser = DefusedXMLParser(
        target=_Prolog(), forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    try:
        for offset in range(0, len(data), PROLOG_CHUNK):
            parser.feed(data[offset : offset + PROLOG_CHUNK])
        parser.close()
    except _RootReached as reached:
        return reached.tag
    except DefusedXmlException:
        raise ActivityError(name, "XML with a DTD or entities is refused") from None
    except ParseError as error:
        raise ActivityError(name, _where(error)) from None
    raise ActivityError(name, "no root element: not an XML document")


def safe_events(
    data: bytes, name: str, tags: tuple[str, ...], sweep: str
) -> Iterator[tuple[str, etree._Element]]:
    """("end", element) for each element with one of these tags (`{*}name` matches any
    namespace) as its end tag is read, in document order. Once the caller moves on from a
    `sweep` element (a track point), it is emptied and the elements before it dropped: a
    long track never sits in memory whole. Call root_tag first: that is the DTD check."""
    events = etree.iterparse(
        io.BytesIO(data),
        events=("end",),
        tag=tags,
        # No DTD got past root_tag, so no entity is declared and a reference is an error;
        # resolve_entities=False would only blur that error into "no element found".
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
    )
    try:
        for event, element in events:
            yield event, element
            if element.tag == sweep:
                element.clear(keep_tail=False)
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as error:
        what = str(error.msg).split(", line ")[0][:120]
        raise ActivityError(name, f"not well-formed XML (line {error.lineno}: {what})") from None


def namespace(tag: str) -> str:
    """The `{...}` part of a tag, or '' when it has none."""
    return tag[: tag.index("}") + 1] if tag.startswith("{") else ""


def local(tag: str) -> str:
    """A tag without its namespace: `{http://...}trkpt` is `trkpt`."""
    return tag.rsplit("}", 1)[-1]


def text(element: etree._Element | None, tag: str) -> str | None:
    """The stripped text of the element's first child with this tag, or None."""
    found = None if element is None else element.find(tag)
    if found is None or found.text is None:
        return None
    return found.text.strip() or None


def number(value: str | None, name: str, what: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        out = float(value)
    except ValueError:
        raise ActivityError(name, f"{what} {value[:40]!r} is not a number") from None
    if out != out or out in (float("inf"), float("-inf")):
        raise ActivityError(name, f"{what} {value[:40]!r} is not a number")
    return out
