"""A brand's logo file: a picture of the kind its name says, small enough for a header, and one that runs nothing.

The website serves the logo from its own address, so an SVG drawing that holds script, an event
handler or a reference to another file would run or load it there when opened. Such a drawing is
refused; so is a file whose bytes are not the picture its extension names (an SVG saved as .png).
"""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path, PurePosixPath

from lxml import etree

from generator.facts.errors import FactError
from generator.facts.models import LOGO_KINDS, MAX_LOGO_BYTES, Brand

# What kind of picture each extension names, as the print template and Word take it.
PICTURE_FORMATS = {".png": "png", ".jpg": "jpg", ".jpeg": "jpg", ".webp": "webp", ".svg": "svg"}

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# What each kind's file begins with; an SVG drawing is XML, recognised by parsing it.
_SIGNATURES = {"PNG": re.compile(rb"\A\x89PNG\r\n\x1a\n"), "JPEG": re.compile(rb"\A\xff\xd8\xff"),
               "WebP": re.compile(rb"\ARIFF....WEBP", re.DOTALL)}
# Elements that run script or show another document inside the drawing.
_ACTIVE_ELEMENTS = {"script", "foreignobject", "iframe", "object", "embed", "handler", "listener", "audio", "video"}
_LINK_ATTRIBUTES = {"href", "src"}
_ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform"}
# In CSS, anything that fetches: url() to other than a part of the drawing itself, or @import.
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_CSS_FETCH = re.compile(r"url\(\s*(?!['\"]?#)|@import|expression\(", re.IGNORECASE)


def logo_file(root: Path, *brands: Brand | None) -> Path | None:
    """The logo that stands for a school on its pages and in print: the first of ``brands`` (the school's own, then
    the organisation's) that has one, as a file under the facts folder ``root``."""
    return next((root / brand.logo for brand in brands if brand is not None and brand.logo is not None), None)


def logo_problem(root: Path, brand: Brand) -> FactError | None:
    """What is wrong with ``brand``'s logo file under the facts folder ``root``, at the logo's line; None if fine."""
    if brand.logo is None:
        return None
    path = root / brand.logo

    def refused(message: str, hint: str, code: str = "logo") -> FactError:
        return FactError(brand.written_at("logo"), message, hint, "brand.logo", code)

    if not path.is_file() or not path.resolve().is_relative_to(root.resolve()):
        return refused(f"'{brand.logo}' is not a file in the facts folder.",
                       f"Save the logo as {root / brand.logo}, or correct the path.", "path")
    if path.stat().st_size > MAX_LOGO_BYTES:
        return refused(f"'{brand.logo}' is {path.stat().st_size / 1024 / 1024:.1f} MB; a logo may be at most "
                       f"{MAX_LOGO_BYTES // 1024 // 1024} MB.",
                       "Save a smaller copy, e.g. 400 pixels wide, as PNG: the header shows it about 48 pixels high.")
    content = path.read_bytes()
    named = LOGO_KINDS[PurePosixPath(brand.logo).suffix.lower()]
    found = _kind_of(content)
    if found != named:
        what = f"an {found} file" if found == "SVG" else f"a {found} file" if found else "not a picture we can read"
        return refused(f"'{brand.logo}' is named as a {named} picture, but its content is {what}.",
                       f"Save the logo from a picture editor as {named}, or name the file after what it is "
                       f"(.png, .jpg, .webp or .svg).")
    damaged = _damage(content, named)
    if damaged:
        return refused(f"'{brand.logo}' is a damaged {named} file: {damaged}, so the PDFs could not show it.",
                       f"Open the logo in a picture editor and save it again as {named}, or export it afresh.")
    if named == "SVG":
        active = _active_part(content)
        if active:
            return refused(f"'{brand.logo}' {active}, which would run or load on the website.",
                           "Export the logo as PNG, or save the drawing as a plain SVG without script, links or "
                           "embedded content.")
    return None


def _kind_of(content: bytes) -> str | None:
    for kind, signature in _SIGNATURES.items():
        if signature.match(content):
            return kind
    return "SVG" if _svg_root(content) is not None else None


def _damage(content: bytes, kind: str) -> str | None:
    """How a PNG, JPEG or WebP file is cut short or damaged, as far as its own structure shows; None if whole.
    The print template decodes the logo, so what it would refuse is refused here first (`check` passing
    means `build` passes)."""
    if kind == "PNG":
        return _png_damage(content)
    if kind == "JPEG" and not content.rstrip(b"\0").endswith(b"\xff\xd9"):
        return "it does not end as a JPEG picture ends (it may be cut short)"
    if kind == "WebP" and struct.unpack_from("<I", content, 4)[0] + 8 > len(content):
        return "it is shorter than its own header says (it may be cut short)"
    return None


def _png_damage(content: bytes) -> str | None:
    """A PNG's chunks, each checked against its checksum, and its picture data decompressed."""
    at, picture, names = 8, [], []
    while at + 8 <= len(content):
        length, name = struct.unpack_from(">I4s", content, at)
        end = at + 8 + length + 4
        if end > len(content):
            return "it is cut short"
        body = content[at + 4:at + 8 + length]
        if zlib.crc32(body) != struct.unpack_from(">I", content, end - 4)[0]:
            return f"its {name.decode('latin-1')} part does not match its checksum"
        names.append(name)
        if name == b"IDAT":
            picture.append(body[4:])
        at = end
        if name == b"IEND":
            break
    if not names or names[0] != b"IHDR" or names[-1] != b"IEND" or not picture:
        return "it is cut short"
    try:
        decompressor = zlib.decompressobj()
        decompressor.decompress(b"".join(picture))
    except zlib.error:
        return "its picture data cannot be read"
    return None if decompressor.eof else "its picture data is cut short"


def _svg_root(content: bytes):
    """The drawing's root element, if ``content`` is well-formed XML whose root is an SVG element."""
    try:
        # No network, no DTD, no entities expanded: reading the drawing fetches and expands nothing.
        root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                                         huge_tree=False, remove_comments=True))
    except (etree.XMLSyntaxError, ValueError):
        return None
    return root if root.tag == f"{{{SVG_NAMESPACE}}}svg" else None


def _active_part(content: bytes) -> str | None:
    """What in the SVG drawing could run or fetch something, with its line; None if nothing."""
    root = _svg_root(content)
    if _INTERNAL_SUBSET.search(content):  # entities, or attributes every element gets by default
        return "declares entities of its own (a <!DOCTYPE> with [ ])"
    outside = [*root.itersiblings(preceding=True), *root.itersiblings()]  # before and after the drawing
    for node in [*outside, *root.iter()]:
        line = f" (line {node.sourceline} of the drawing)"
        if isinstance(node, etree._Entity):
            return f"uses the entity &{node.name};{line}"
        if isinstance(node, etree._ProcessingInstruction):
            return f"holds a processing instruction <?{node.target}?>{line}"
        if not isinstance(node.tag, str):
            continue
        name = etree.QName(node).localname.lower()
        if name in _ACTIVE_ELEMENTS:
            return f"holds a <{etree.QName(node).localname}> element{line}"
        for attribute, value in node.attrib.items():
            attribute_name = etree.QName(attribute).localname.lower()
            if attribute_name.startswith("on"):
                return f"holds an event handler ({etree.QName(attribute).localname}=){line}"
            if attribute_name in _LINK_ATTRIBUTES and not value.strip().startswith("#"):
                return f"refers to another file or address ({attribute_name}=\"{value[:60]}\"){line}"
            if attribute_name == "attributename" and name in _ANIMATIONS and value.lower().endswith("href"):
                return f"changes a link as it animates (<{name} attributeName=\"{value}\">){line}"
            if attribute_name == "style" and _CSS_FETCH.search(value):
                return f"loads something from its style ({value[:60]}){line}"
        if name == "style" and _CSS_FETCH.search(node.text or ""):
            return f"loads something from its <style>{line}"
    return None
