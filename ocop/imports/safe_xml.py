"""The XML parts of a spreadsheet, parsed without trusting them: no DTD, so no entity that
expands into gigabytes ("billion laughs") or reads a file of the server (XXE). Small parts
are parsed whole by defusedxml; large ones are fed to expat as they are decompressed, with
the same refusals, so that nothing holds a whole part. Excel never writes a DTD."""

from collections.abc import Iterable
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ocop.imports.filetype import SAVE_AS_XLSX, UnreadableFile, damaged


def refused_dtd(part: str) -> UnreadableFile:
    return UnreadableFile(
        f"phần {part} trong tệp có khai báo DTD hoặc thực thể XML (<!DOCTYPE>, <!ENTITY>), "
        "điều Excel không bao giờ ghi: tệp được tạo bất thường, có thể nhằm làm treo hay dò "
        f"máy chủ, nên không được đọc; {SAVE_AS_XLSX}"
    )


def parse_small(data: bytes, part: str) -> Element:
    """A small part (the workbook, its relationships), whole."""
    try:
        return fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise refused_dtd(part) from None
    except ParseError:
        raise UnreadableFile(damaged()) from None


def stream_parser(part: str) -> expat.XMLParserType:
    """An expat parser that refuses any DTD, for `feed`. Element names keep their prefix."""
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def refuse(*args):
        raise refused_dtd(part)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


def local(name: str) -> str:
    """'x:row' -> 'row': some writers prefix every element, and the readers ignore it."""
    return name[name.index(":") + 1 :] if ":" in name else name


def feed(parser: expat.XMLParserType, chunks: Iterable[bytes]) -> None:
    """Parses the part chunk by chunk; a handler's UnreadableFile goes through as it is."""
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        raise UnreadableFile(damaged()) from None
