"""XML through defusedxml only: a DTD, an entity or an external reference is refused before
anything is expanded, so an entity bomb or an external entity cannot get in."""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from runlift.io.activities.errors import ActivityError


def parse_xml(data: bytes, name: str) -> Element:
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ActivityError(name, "XML with a DTD or entities is refused") from None
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise ActivityError(name, f"not well-formed XML (line {line}, column {column})") from None


def local(tag: str) -> str:
    """A tag without its namespace: `{http://...}trkpt` is `trkpt`."""
    return tag.rsplit("}", 1)[-1]


def children(element: Element, tag: str) -> Iterator[Element]:
    return (child for child in element if local(child.tag) == tag)


def child(element: Element, tag: str) -> Element | None:
    return next(children(element, tag), None)


def descendants(element: Element, tag: str) -> Iterator[Element]:
    return (node for node in element.iter() if local(node.tag) == tag)


def text_of(element: Element | None, tag: str) -> str | None:
    found = None if element is None else child(element, tag)
    if found is None or found.text is None:
        return None
    return found.text.strip()


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
