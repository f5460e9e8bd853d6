"""Read every PFOCR record shape into `Page` and hit values.

Supported shapes (documented with examples in ``docs/formats.md``):

* the current website figure page, ``_figures/<figid>.md`` (YAML front matter only);
* the old website page with inline ``genes:`` and ``chemicals:`` lists;
* the website's per-figure tables ``_data/<figid>-genes.tsv``, ``-chemicals.tsv`` and
  ``-diseases.tsv``, picked up automatically when a page sits in the website layout;
* the 2020 hit table (``figid, pmcid, word, symbol, source, hgnc_symbol, entrez``).

Front matter is parsed with a safe YAML loader whose implicit resolvers are all removed, so
every plain scalar stays the exact text of the page: ``NO``, ``On``, ``NULL``, ``1e5``,
``2-Sep``, ``010`` or ``12:30`` are strings, never booleans, ``None``, numbers or dates.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import itemgetter, methodcaller
from pathlib import Path
from typing import Any, TypeVar, cast

import attrs
import yaml

from genenorm.exceptions import NoInputError, PageError
from genenorm.page_models import ChemicalHit, DiseaseHit, GeneHit, Page
from genenorm.text import lone_surrogate, surrogate_at, surrogate_problem

from ._args import require
from ._gc import gc_paused

try:
    from yaml import CSafeLoader as _SafeLoaderBase
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoaderBase  # type: ignore[assignment]

__all__ = [
    "HIT_TABLE_COLUMNS",
    "MAX_FIELD_CHARS",
    "MAX_PAGE_BYTES",
    "MAX_TABLE_BYTES",
    "HitRows",
    "HitTable",
    "canonical_figid",
    "display_path",
    "hit_table_from_rows",
    "iter_pages",
    "page_entries",
    "page_from_fields",
    "pages_from_hit_table",
    "read_hit_rows",
    "read_hit_table",
    "read_hit_table_text",
    "read_hits",
    "read_page",
    "read_page_bytes",
    "read_page_text",
    "read_stream_hit_rows",
    "read_stream_hit_table",
    "read_stream_page",
    "read_stream_pages",
    "side_tables",
]

logger = logging.getLogger(__name__)

#: Anything `open` accepts as a file name.
StrPath = str | os.PathLike[str]

#: The missing-value marker of PFOCR's TSV tables.
_NA = "NA"

#: Image extensions that 2020 figids carry and website figids do not.
_IMAGE_EXTENSION = re.compile(r"\.(?:jpe?g|png|gif|tiff?|bmp|webp)$", re.IGNORECASE)

#: Columns a hit table must have, per format.
HIT_TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "website": (
        "organism_id",
        "organism_name",
        "word",
        "match",
        "ncbigene_symbol",
        "ncbigene_id",
        "source",
    ),
    "2020": ("figid", "pmcid", "word", "symbol", "source", "hgnc_symbol", "entrez"),
}
_GENE_COLUMNS = HIT_TABLE_COLUMNS
_CHEMICAL_COLUMNS = ("word", "mesh", "match", "name", "chebi")
_DISEASE_COLUMNS = ("word", "mesh", "match", "name", "doid")

_HUMAN_TAXON = "9606"
_HUMAN_NAME = "Homo sapiens"


# --------------------------------------------------------------------------- YAML


def _scalar_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    """Construct an explicitly tagged scalar (``!!int 010``) as its text."""
    if not isinstance(node, yaml.ScalarNode):
        raise yaml.constructor.ConstructorError(
            None, None, f"expected a scalar, found {type(node).__name__}", node.start_mark
        )
    return str(loader.construct_scalar(node))


class _TextLoader(_SafeLoaderBase):
    """Safe loader that keeps every scalar as ``str``; mappings and sequences stay."""

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: object) -> str:
        """The tag of an untagged node: its kind's default (there are no implicit resolvers,
        so this is what `yaml.resolver.BaseResolver.resolve` returns, without the search)."""
        return _DEFAULT_TAGS[kind]


# No implicit resolvers: every plain scalar gets the ``str`` tag. Explicitly tagged scalars
# (``!!int 010``, ``!!bool yes``) are constructed as their text too.
_TextLoader.yaml_implicit_resolvers = {}
_TEXT_TAGS = frozenset(
    f"tag:yaml.org,2002:{tag}" for tag in ("str", "bool", "float", "int", "null", "timestamp")
)
for _tag in _TEXT_TAGS - {_TextLoader.DEFAULT_SCALAR_TAG}:
    _TextLoader.add_constructor(_tag, _scalar_as_text)
del _tag
_DEFAULT_TAGS = {
    yaml.ScalarNode: _TextLoader.DEFAULT_SCALAR_TAG,
    yaml.SequenceNode: _TextLoader.DEFAULT_SEQUENCE_TAG,
    yaml.MappingNode: _TextLoader.DEFAULT_MAPPING_TAG,
}


class _NotPlainError(Exception):
    """A node that `_plain_data` leaves to the full constructor."""


class _DuplicateKeyError(Exception):
    """A mapping names a key twice (0-based lines of both)."""

    def __init__(self, key: str, first: int, second: int) -> None:
        super().__init__(key)
        self.key, self.first, self.second = key, first, second


def _plain_data(root: yaml.Node) -> object:
    """Construct a document of text scalars, lists and text-keyed mappings.

    Gives what ``_TextLoader.construct_document`` gives, faster and without recursion (a
    page nesting lists a thousand deep costs a loop, not a `RecursionError`); raises
    `_NotPlainError` on anything else (other tags, non-text keys, a node met twice through an
    alias), which the full constructor then handles or reports, and `_DuplicateKeyError` on a
    key met twice in one mapping.
    """
    box: list[object] = [None]
    # Each entry: a node and where its value goes (a list and an index, or a dict and a key).
    stack: list[tuple[yaml.Node, Any, Any]] = [(root, box, 0)]
    seen: set[int] = set()
    scalar, text_tags = yaml.ScalarNode, _TEXT_TAGS
    while stack:
        node, target, slot = stack.pop()
        kind = type(node)
        if kind is scalar:
            if node.tag not in text_tags:
                raise _NotPlainError
            target[slot] = node.value
            continue
        if id(node) in seen:
            raise _NotPlainError
        seen.add(id(node))
        if kind is yaml.MappingNode and node.tag == _TextLoader.DEFAULT_MAPPING_TAG:
            mapping: dict[str, object] = {}
            lines: dict[str, int] = {}
            for key_node, value_node in node.value:
                if type(key_node) is not scalar or key_node.tag not in text_tags:
                    raise _NotPlainError
                key = key_node.value
                if key in lines:
                    raise _DuplicateKeyError(key, lines[key], key_node.start_mark.line)
                lines[key] = key_node.start_mark.line
                if type(value_node) is scalar and value_node.tag in text_tags:
                    mapping[key] = value_node.value
                else:
                    mapping[key] = None
                    stack.append((value_node, mapping, key))
            target[slot] = mapping
        elif kind is yaml.SequenceNode and node.tag == _TextLoader.DEFAULT_SEQUENCE_TAG:
            items: list[object] = [None] * len(node.value)
            for index, item in enumerate(node.value):
                if type(item) is scalar and item.tag in text_tags:
                    items[index] = item.value
                else:
                    stack.append((item, items, index))
            target[slot] = items
        else:
            raise _NotPlainError
    return box[0]


def _check_duplicate_keys(root: yaml.Node) -> None:
    """Raise `_DuplicateKeyError` for a key met twice in a mapping (any tags, aliases)."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen or isinstance(node, yaml.ScalarNode):
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            lines: dict[object, int] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key = (key_node.tag, key_node.value)
                    if key in lines:
                        raise _DuplicateKeyError(
                            key_node.value, lines[key], key_node.start_mark.line
                        )
                    lines[key] = key_node.start_mark.line
                stack.extend((key_node, value_node))
        else:
            stack.extend(node.value)


def _load_yaml(
    text: str, path: str, first_line: int, holes: list[tuple[int, int]] | None = None
) -> object:
    """Parse one YAML document; errors name ``path`` and the file line (1-based).

    ``first_line`` is the file line on which ``text`` starts. With *holes* (line ranges that
    `_fast_inline_lists` turned into comments), a document that is not a block mapping, or
    whose top-level quoted, flow or block scalar values reach into a hole, gives ``None``.
    """
    try:
        loader = _TextLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            if holes is not None and (
                not isinstance(node, yaml.MappingNode)
                or getattr(node, "flow_style", False)
                or _any_crosses(node.value, holes)
            ):
                return None
            try:
                return _plain_data(node)
            except _NotPlainError:
                _check_duplicate_keys(node)
                return loader.construct_document(node)
        finally:
            loader.dispose()
    except _DuplicateKeyError as err:
        line = err.second + first_line
        message = (
            f"duplicate key {err.key!r} (first on line {err.first + first_line}, again on "
            f"line {line}); a second value would silently replace the first"
        )
    except RecursionError:
        line, message = None, "nested too deeply to read"
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = None if mark is None else mark.line + first_line
        message = err.problem or ""
        if err.context:
            start = err.context_mark
            origin = "" if start is None else f" (from line {start.line + first_line})"
            message = f"{err.context}{origin}, {message}" if message else err.context
    except yaml.reader.ReaderError as err:
        # libyaml reports a byte offset, PyYAML a character offset: find the character.
        line = text.count("\n", 0, max(text.find(chr(err.character)), 0)) + first_line
        message = (
            f"unacceptable character U+{err.character:04X} ({err.reason}; write it as an "
            "escape in a double-quoted scalar)"
        )
    except yaml.YAMLError as err:  # pragma: no cover - every PyYAML error is one of the above
        line, message = None, str(err)
    where = path if line is None else f"{path}:{line}"
    raise PageError(f"{where}: malformed YAML front matter: {message}", path=path, line=line)


# ----------------------------------------------------------- inline hit lists, fast

#: Top-level fields that old pages fill with long lists of one-line records (``genes:``).
_INLINE_FIELDS = frozenset({"genes:", "chemicals:", "diseases:"})
_RECORD_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: First characters that make a plain scalar something else (or that we leave to libyaml).
_NOT_PLAIN_START = frozenset("?:,[]{}#&*!|>'\"%@` \t")


def _fast_scalar(value: str) -> str | None:
    """The text of a one-line YAML scalar in block context, or ``None`` when it takes more
    than the simple rules below (libyaml then reads the whole page).

    Plain (no indicator first, no ``': '``, ``' #'``, tab or trailing ``':'``/space), or
    quoted on one line (single quotes with ``''`` escapes; double quotes without ``\\`` or
    inner quotes); only printable characters.
    """
    if not value:
        return ""
    first = value[0]
    if first == "'":
        inner = value[1:-1]
        if len(value) < 2 or value[-1] != "'" or "'" in inner.replace("''", ""):
            return None
        text = inner.replace("''", "'")
    elif first == '"':
        text = value[1:-1]
        if len(value) < 2 or value[-1] != '"' or '"' in text or "\\" in text:
            return None
    elif (
        first in _NOT_PLAIN_START
        or (first == "-" and (len(value) == 1 or value[1] == " "))
        or value[-1] in " :"
        or ": " in value
        or " #" in value
        or "\t" in value
    ):
        return None
    else:
        text = value
    return text if text.isprintable() else None


#: A record line `_fast_records` reads in one step: a key, then a plain value of letters,
#: digits and ``_.+/()-`` (not first: ``-``, ``)``), or such a value (spaces allowed)
#: single-quoted; a subset of what `_fast_scalar` reads as the same text.
_SIMPLE_RECORD_LINE = re.compile(
    r"(?:- |  )([A-Za-z_][A-Za-z0-9_]*): "
    r"(?:([A-Za-z0-9_.+/(][A-Za-z0-9_.+/()\-]*)|'([A-Za-z0-9_.+/() \-]*)')"
)


def _fast_records(lines: list[str], start: int) -> tuple[list[dict[str, object]], int] | None:
    """Read the block list of one-line records that begins at ``lines[start]``.

    Every record is ``- key: value`` followed by ``  key: value`` lines (keys are names, each
    once per record; values as `_fast_scalar`), and the list ends at a line that starts a new
    top-level field (or at the end). Returns the records and the index of the line after the
    list, or ``None`` for anything else.
    """
    records: list[dict[str, object]] = []
    record: dict[str, object] | None = None
    i, n = start, len(lines)
    key_match = _RECORD_KEY.fullmatch
    simple = _SIMPLE_RECORD_LINE.fullmatch
    while i < n:
        line = lines[i]
        m = simple(line)
        if m is not None:  # the usual line, in one regex: what the steps below find
            if line[0] == "-":
                record = {}
                records.append(record)
            elif record is None:
                break
            key, plain, quoted = m.groups()
            if key in record:
                return None
            record[key] = plain if quoted is None else quoted
            i += 1
            continue
        if line.startswith("- "):
            record = {}
            records.append(record)
        elif record is None or not line.startswith("  "):
            break
        key, sep, value = line[2:].partition(": ")
        if not sep:
            if not line.endswith(":"):
                return None
            key, value = line[2:-1], ""
        text = _fast_scalar(value)
        if text is None or key in record or key_match(key) is None:
            return None
        record[key] = text
        i += 1
    if not records or (i < n and (not lines[i] or lines[i][0] in " \t#-")):
        return None  # an empty value is text to YAML, not a list
    return records, i


def _crosses(node: yaml.Node, holes: list[tuple[int, int]]) -> bool:
    """Whether a top-level flow node (quoted scalar, ``[...]``, ``{...}``) or block scalar
    spans into one of the *holes* (``(first, end)`` line ranges, 0-based)."""
    if isinstance(node, yaml.ScalarNode):
        if node.style not in ("'", '"', "|", ">"):
            return False
    elif not getattr(node, "flow_style", False):
        return False
    first, last = node.start_mark.line, node.end_mark.line
    return any(first < end and last >= start for start, end in holes)


def _any_crosses(pairs: list[tuple[yaml.Node, yaml.Node]], holes: list[tuple[int, int]]) -> bool:
    """Whether a key or value of these top-level pairs `_crosses` into one of the *holes*
    (plain scalars, most of them, are passed over without a call)."""
    scalar = yaml.ScalarNode
    for pair in pairs:
        for node in pair:
            if type(node) is scalar and not node.style:
                continue  # a plain scalar: `_crosses` is false
            if _crosses(node, holes):
                return True
    return False


def _fast_inline_lists(text: str, path: str) -> dict[str, object] | None:
    """The front matter with its inline hit lists read by `_fast_records`, the rest by
    libyaml; ``None`` when a list or the rest takes the full reader (always exact: the
    lists become comment lines for libyaml, so its line numbers and values do not change)."""
    lines = text.split("\n")
    lists: dict[str, list[dict[str, object]]] = {}
    holes: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        if line in _INLINE_FIELDS:
            read = _fast_records(lines, i + 1)
            if read is None or line[:-1] in lists:
                return None
            lists[line[:-1]], end = read
            holes.append((i, end))
    for start, end in holes:
        lines[start:end] = ["#"] * (end - start)
    try:
        rest = _load_yaml("\n".join(lines), path, first_line=2, holes=holes)
    except PageError:
        return None
    if not isinstance(rest, dict) or any(key in rest for key in lists):
        return None
    rest.update(lists)
    return rest


def _load_front_yaml(text: str, path: str) -> object:
    """Parse front matter: with `_fast_inline_lists` when it has inline hit lists at the
    top level, else (or when that declines) with `_load_yaml`."""
    if "\ngenes:\n" in text or "\nchemicals:\n" in text or "\ndiseases:\n" in text:
        data = _fast_inline_lists(text, path)
        if data is not None:
            return data
    return _load_yaml(text, path, first_line=2)


def _front_matter(text: str, path: str) -> dict[str, object]:
    """Return the front matter mapping of a page's text."""
    text = text.removeprefix("\ufeff")
    if "\r" in text:  # CRLF or CR-only (old Mac) line ends: YAML reads both as line breaks
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    first_end = text.find("\n")
    if (text if first_end < 0 else text[:first_end]).rstrip() != "---":
        raise PageError(
            f"{path}:1: no YAML front matter (the file must start with a '---' line)",
            path=path,
            line=1,
        )
    # The closing line is the first later line that is "---" but for trailing white space.
    end = first_end
    while end >= 0:
        line_end = text.find("\n", end + 1)
        if text[end + 1 : None if line_end < 0 else line_end].rstrip() == "---":
            break
        end = text.find("\n---", end + 1)
    else:
        raise PageError(
            f"{path}: front matter opened on line 1 is never closed by a '---' line",
            path=path,
            line=1,
        )
    data = _load_front_yaml(text[first_end + 1 : end] + "\n", path)
    if not isinstance(data, dict):
        kind = "empty" if data is None or data == "" else type(data).__name__
        raise PageError(
            f"{path}: front matter is not a mapping of fields (got {kind})", path=path, line=2
        )
    return {str(key): value for key, value in data.items()}


def _decode(raw: bytes, path: str) -> str:
    """Decode strict UTF-8 (a leading BOM is dropped); errors name the file and line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise PageError(
            f"{path}:{line}: not valid UTF-8 (byte offset {err.start}: {err.reason})",
            path=path,
            line=line,
        ) from None


#: Default cap on the bytes read for one page: real pages are a few kilobytes.
MAX_PAGE_BYTES = 16 * 1024 * 1024
#: Default cap on the bytes read for one hit table: the whole 2020 release is under 100 MB.
MAX_TABLE_BYTES = 512 * 1024 * 1024
#: Longest field a hit table may hold (the csv module's default limit): OCR words are short,
#: so a longer field means a broken file (a lost line end), reported instead of judged.
MAX_FIELD_CHARS = 131_072

_FILE_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _file_kind(mode: int) -> str:
    return next((name for test, name in _FILE_KINDS if test(mode)), "not a plain file")


def display_path(path: StrPath) -> str:
    """``path`` as printable text: bytes of a non-UTF-8 file name become ``\\xff`` escapes.

    .. versionadded:: 0.1.0
    """
    name = os.fspath(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a lone surrogate no byte was escaped to (\ud800)
            return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return name


def _open_error(name: str, err: OSError) -> str:
    """Why a file cannot be opened, in words (symbolic links named as such)."""
    if err.errno == errno.ELOOP:
        return "symbolic link loop (the link resolves to itself)"
    if err.errno == errno.ENOENT and os.path.islink(name):
        return (
            f"dangling symbolic link (to {display_path(os.readlink(name))}, which does not exist)"
        )
    return f"cannot read file: {err.strerror or err}"


def _read_bytes(path: StrPath, max_bytes: int = MAX_PAGE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; anything else is a `PageError`.

    The file is opened without blocking, so a FIFO without a writer is refused, not waited on.
    """
    name = os.fspath(path)
    shown = display_path(name)
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        raise PageError(f"{shown}: {_open_error(name, err)}", path=shown) from err
    except (ValueError, UnicodeError):  # a NUL or a lone surrogate in the name: no file's
        shown = ascii(name)[1:-1]  # NUL as \x00, a surrogate as \udxxx
        raise PageError(
            f"{shown}: not a file name (a NUL or a lone surrogate)", path=shown
        ) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise PageError(
                f"{shown}: not a regular file ({_file_kind(mode)}); refused", path=shown
            )
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", buffering=0, closefd=False) as file:
            return _read_capped(file, shown, max_bytes)
    except OSError as err:
        raise PageError(f"{shown}: cannot read file: {err.strerror or err}", path=shown) from err
    finally:
        os.close(fd)


def _read_capped(stream: Any, name: str, max_bytes: int) -> bytes:
    """Read ``stream`` to its end, or raise `PageError` once it passes ``max_bytes``."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(max_bytes + 1 - size, 1 << 24))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise PageError(
                f"{name}: over the {max_bytes:,}-byte limit (raise it with max_bytes=)",
                path=name,
            )


def read_page_bytes(data: bytes, *, path: str = "<stdin>") -> Page:
    """`read_page_text` on bytes: strict UTF-8 (a BOM is dropped), invalid bytes an error.

    Raises:
        PageError: As `read_page_text`, or the bytes are not valid UTF-8 (with the line).

    .. versionadded:: 0.1.0
    """
    return read_page_text(_decode(data, path), path=path)


def read_stream_hit_table(
    stream: Any, *, name: str = "<stdin>", max_bytes: int = MAX_TABLE_BYTES
) -> HitTable:
    """`read_hit_table_text` on a binary stream (``sys.stdin.buffer``): strict UTF-8, at
    most ``max_bytes``.

    Raises:
        PageError: As `read_hit_table`, or the bytes are not valid UTF-8 (with the line),
            or the stream holds more than ``max_bytes``.

    .. versionadded:: 0.1.0
    """
    return read_stream_hit_rows(stream, name=name, max_bytes=max_bytes).table()


def read_stream_hit_rows(
    stream: Any, *, name: str = "<stdin>", max_bytes: int = MAX_TABLE_BYTES
) -> HitRows:
    """`read_stream_hit_table` without making the hits (see `read_hit_rows`).

    Raises:
        PageError: As `read_stream_hit_table`.
    """
    text = _decode(_read_capped(stream, name, max_bytes), name)
    with gc_paused():
        return HitRows(*_split_tsv_lines(text.removeprefix("\ufeff"), name))


def read_stream_pages(
    stream: Any, *, name: str = "<stdin>", max_bytes: int = MAX_PAGE_BYTES
) -> Iterator[Page | PageError]:
    """Read JSON lines from a binary stream: one page object a line, with the fields of a
    page's front matter (`page_from_fields`).

    Every line gives one `Page` or one `PageError` (invalid UTF-8 or JSON, not an object,
    a blank line, a line over ``max_bytes``, fields `page_from_fields` refuses), in order;
    a page without ``figid`` is refused. Errors and pages are named ``<name>:<line>``.

    .. versionadded:: 0.1.0
    """
    import json

    number = 0
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        where = f"{name}:{number}"
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
                raw = stream.readline(1 << 20)
            yield PageError(
                f"{where}: line over the {max_bytes:,}-byte limit", path=where, line=number
            )
            continue
        try:
            text = _decode(raw, name).strip()
            data = json.loads(text) if text else None
        except PageError as err:
            yield PageError(f"{where}: {str(err).partition(': ')[2]}", path=where, line=number)
            continue
        except ValueError as err:  # json.JSONDecodeError
            yield PageError(f"{where}: not valid JSON: {err}", path=where, line=number)
            continue
        except RecursionError:
            yield PageError(f"{where}: JSON nested too deeply", path=where, line=number)
            continue
        if not isinstance(data, dict):
            kind = "a blank line" if not text else f"{_kind(data)} (JSON)"
            msg = f"{where}: {kind}, not a JSON object with the page's fields"
            yield PageError(msg, path=where, line=number)
            continue
        try:
            yield page_from_fields(data, path=where)
        except PageError as err:
            yield err
        except RecursionError:
            yield PageError(f"{where}: page object nested too deeply", path=where, line=number)


def read_stream_page(
    stream: Any, *, path: str = "<stdin>", max_bytes: int = MAX_PAGE_BYTES
) -> Page:
    """Read one page from a binary stream (``sys.stdin.buffer``), at most ``max_bytes``.

    Raises:
        PageError: As `read_page_bytes`, or the stream holds more than ``max_bytes``.

    .. versionadded:: 0.1.0
    """
    return read_page_bytes(_read_capped(stream, path, max_bytes), path=path)


# --------------------------------------------------------------------------- field helpers


def _items(values: Iterable[object]) -> Iterable[Any]:
    """Pass a sequence to a ``converter=tuple`` field of `genenorm.models`.

    mypy's attrs plugin types such a field's argument as ``Iterable[_T_co]`` with the type
    variable unbound, which no argument satisfies; this helper states the hand-over.
    """
    return values


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _text(data: Mapping[str, object], key: str, path: str, where: str = "") -> str | None:
    """The text of ``data[key]``; ``None`` when absent; `PageError` when not text."""
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise PageError(f"{path}: field {where}{key!r} must be text, not {_kind(value)}", path=path)


def _optional(value: str | None) -> str | None:
    """``NA`` and empty text become ``None``."""
    return None if value is None or value in ("", _NA) else value


def _text_list(data: Mapping[str, object], key: str, path: str) -> tuple[str, ...]:
    """A list of text, or one text value, as a tuple; ``NA`` entries dropped."""
    value = data.get(key)
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise PageError(
            f"{path}: field {key!r} must be text or a list of text, not {_kind(value)}",
            path=path,
        )
    return tuple(item for item in items if item not in ("", _NA))


def _schema_keywords(data: Mapping[str, object], path: str) -> tuple[str, ...]:
    """``schema-jsonld.keywords``, exact text, order and duplicates kept."""
    schema = data.get("schema-jsonld")
    if schema is None:
        return ()
    if not isinstance(schema, dict):
        raise PageError(
            f"{path}: field 'schema-jsonld' must be a mapping, not {_kind(schema)}", path=path
        )
    keywords = schema.get("keywords")
    if keywords is None:
        return ()
    if not isinstance(keywords, list):
        raise PageError(
            f"{path}: 'schema-jsonld.keywords' must be a list, not {_kind(keywords)}", path=path
        )
    for index, keyword in enumerate(keywords):
        if not isinstance(keyword, str):
            raise PageError(
                f"{path}: 'schema-jsonld.keywords' item at index {index} is not a text "
                f"scalar (got {_kind(keyword)})",
                path=path,
            )
    return tuple(keywords)


def _author_keywords(data: Mapping[str, object], path: str) -> tuple[str, ...]:
    """Top-level ``keywords``: author keywords separated by ``' | '``."""
    value = data.get("keywords")
    if value is None:
        return ()
    if isinstance(value, str):
        parts: list[str] = value.split(" | ")
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        parts = value
    else:
        raise PageError(
            f"{path}: field 'keywords' must be text or a list of text, not {_kind(value)}",
            path=path,
        )
    return tuple(part.strip() for part in parts if part.strip())


def _records(data: Mapping[str, object], key: str, path: str) -> list[dict[str, object]] | None:
    """An inline list of hit mappings (``genes:``), or ``None`` when the field is absent."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        raise PageError(f"{path}: field {key!r} must be a list, not {_kind(value)}", path=path)
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise PageError(
                f"{path}: {key}[{index}] must be a mapping, not {_kind(item)}", path=path
            )
    # keys as text: a record whose keys already are (every record of the line reader, most
    # of libyaml's) is used as it is
    return [
        item if _STR_ONLY.issuperset(map(type, item)) else {str(k): v for k, v in item.items()}
        for item in value
    ]


#: `type` of a text value (`_records`, `_inline_genes`).
_STR_ONLY = frozenset({str})


def _required(record: Mapping[str, object], key: str, path: str, where: str) -> str:
    value = _text(record, key, path, where)
    if value is None:
        raise PageError(f"{path}: {where}has no {key!r}", path=path)
    return value


def _inline_genes(records: list[dict[str, object]], figid: str, path: str) -> list[GeneHit]:
    hits = []
    for index, record in enumerate(records):
        if _STR_ONLY.issuperset(map(type, record.values())):
            # every value is text (the usual record): only a missing field can be wrong
            text = cast("dict[str, str]", record)
            word, match = text.get("word"), text.get("symbol")
            symbol, source = text.get("hgnc_symbol"), text.get("source")
            if word is not None and match is not None and symbol is not None and source is not None:
                hit = GeneHit(
                    word=word, match=match, symbol=symbol, source=source,
                    gene_id=_optional(text.get("entrez")), organism_id=_HUMAN_TAXON,
                    organism_name=_HUMAN_NAME, figid=figid, row=index + 1,
                    raw=tuple(text.items()),
                )  # fmt: skip
                hits.append(hit)
                continue
        where = f"genes[{index}] "
        hits.append(
            GeneHit(
                word=_required(record, "word", path, where),
                match=_required(record, "symbol", path, where),
                symbol=_required(record, "hgnc_symbol", path, where),
                source=_required(record, "source", path, where),
                gene_id=_optional(_text(record, "entrez", path, where)),
                organism_id=_HUMAN_TAXON,
                organism_name=_HUMAN_NAME,
                figid=figid,
                row=index + 1,
                raw=tuple((k, v) for k, v in record.items() if isinstance(v, str)),
            )
        )
    return hits


def _inline_ids(record: Mapping[str, object], path: str, where: str) -> dict[str, str]:
    """``source: MESH`` + ``identifier: D001839`` → ``{"mesh": "mesh:D001839"}``."""
    source = _optional(_text(record, "source", path, where))
    identifier = _optional(_text(record, "identifier", path, where))
    if source is None or identifier is None:
        return {}
    prefix = source.lower()
    if prefix not in ("mesh", "chebi", "doid"):
        logger.debug("%s: %sidentifier of unknown source %r dropped", path, where, source)
        return {}
    local = identifier.split(":", 1)[1] if ":" in identifier else identifier
    return {prefix: f"{prefix}:{local}"}


def _inline_chemicals(records: list[dict[str, object]], path: str) -> list[ChemicalHit]:
    return [
        ChemicalHit(word, mesh=ids.get("mesh"), chebi=ids.get("chebi"))
        for word, ids in _inline_words(records, path, "chemicals")
    ]


def _inline_diseases(records: list[dict[str, object]], path: str) -> list[DiseaseHit]:
    return [
        DiseaseHit(word, mesh=ids.get("mesh"), doid=ids.get("doid"))
        for word, ids in _inline_words(records, path, "diseases")
    ]


def _inline_words(
    records: list[dict[str, object]], path: str, what: str
) -> Iterator[tuple[str, dict[str, str]]]:
    """The word and identifiers of each inline ``chemicals:``/``diseases:`` record."""
    for index, record in enumerate(records):
        where = f"{what}[{index}] "
        ids = _inline_ids(record, path, where)
        yield _required(record, "word", path, where), ids


def _page_from_front_matter(data: Mapping[str, object], path: str) -> Page:
    figid = _text(data, "figid", path)
    if not figid:
        raise PageError(f"{path}: front matter has no 'figid'", path=path)
    genes = _records(data, "genes", path)
    chemicals = _records(data, "chemicals", path)
    diseases = _records(data, "diseases", path)
    inline = genes is not None or chemicals is not None
    return Page(
        figid=figid,
        path=path,
        format="website-inline" if inline else "website",
        pmcid=_optional(_text(data, "pmcid", path)),
        figtitle=_text(data, "figtitle", path) or "",
        caption=_text(data, "caption", path) or "",
        papertitle=_text(data, "papertitle", path) or "",
        organisms=_text_list(data, "organisms", path),
        organisms_ner=_text_list(data, "organisms_ner", path),
        keywords=_schema_keywords(data, path),
        author_keywords=_author_keywords(data, path),
        gene_hits=_items(_inline_genes(genes or [], figid, path)),
        chemical_hits=_items(_inline_chemicals(chemicals or [], path)),
        disease_hits=_items(_inline_diseases(diseases or [], path)),
        has_hits=genes is not None,
    )


# --------------------------------------------------------------------------- TSV tables


def _read_tsv(
    path: StrPath, max_bytes: int = MAX_TABLE_BYTES
) -> tuple[str, tuple[str, ...], list[list[str]]]:
    """Read a PFOCR TSV: ``(path, header, rows)``; every row has the header's width.

    Blank lines are skipped. Rows end at a line feed (CRLF is accepted; a file with CR-only
    line ends is read as such), so OCR debris such as U+2028 or U+0085 inside a field cannot
    split a row.
    """
    name = display_path(path)
    return _split_tsv(_decode(_read_bytes(path, max_bytes), name), name)


def _split_tsv(text: str, name: str) -> tuple[str, tuple[str, ...], list[list[str]]]:
    """`_read_tsv` on text already read; ``name`` is used in errors.

    Tab-separated, no quoting. Errors (`PageError`, naming the line): a carriage return inside
    a field, a field over `MAX_FIELD_CHARS`, a duplicate column name, a row of the wrong
    width, a row whose fields are all empty.
    """
    name, header, lines = _split_tsv_lines(text, name)
    return name, header, [line.split("\t") for line in lines]


def _read_tsv_lines(
    path: StrPath, max_bytes: int = MAX_TABLE_BYTES
) -> tuple[str, tuple[str, ...], list[str]]:
    """`_read_tsv` with each row kept as its line (the cells joined by tabs)."""
    name = display_path(path)
    return _split_tsv_lines(_decode(_read_bytes(path, max_bytes), name), name)


def _split_tsv_lines(text: str, name: str) -> tuple[str, tuple[str, ...], list[str]]:
    """`_split_tsv` with each row kept as its line (the cells joined by tabs): a table's
    rows take a third of the memory so (one string a row instead of a list and a string a
    cell). The same checks and errors."""
    if "\r" in text:
        if "\n" not in text.rstrip("\r"):
            text = text.replace("\r", "\n")  # CR-only line ends (old Mac)
        else:
            text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    header = tuple(lines[0].split("\t")) if lines[0] else ()
    if not any(header):
        raise PageError(f"{name}:1: no header row", path=name, line=1)
    rows = lines[1:]
    if "\r" in text or max(map(len, lines)) > MAX_FIELD_CHARS:
        _field_errors(name, header, [list(header), *(r.split("\t") if r else [] for r in rows)])
    seen: dict[str, int] = {}
    for number, column in enumerate(header, start=1):
        if column in seen:
            raise PageError(
                f"{name}:1: duplicate column {column!r} (columns {seen[column]} and {number}): "
                "a row's value would be ambiguous",
                path=name,
                line=1,
            )
        seen[column] = number
    return name, header, _checked_rows(name, len(header), rows)


def _checked_rows(name: str, width: int, rows: list[str], first_line: int = 2) -> list[str]:
    """The non-blank *rows* of a table whose header has *width* columns, the first of them on
    file line *first_line*; `PageError` naming the line for a row of another width or whose
    fields are all empty (`_split_tsv_lines`, and the Dask reader's byte ranges)."""
    tabs = width - 1
    if not set(map(methodcaller("count", "\t"), filter(None, rows))) <= {tabs}:
        for line, row in enumerate(rows, start=first_line):
            fields = row.count("\t") + 1
            if row and fields != width:
                raise PageError(
                    f"{name}:{line}: {fields} field(s) where the header has {width}",
                    path=name,
                    line=line,
                )
    kept = []
    for line, row in enumerate(rows, start=first_line):
        if not row:
            continue  # blank lines are skipped
        first = row.partition("\t")[0]
        if first and not first.isspace():  # the usual case, checked first: a value
            kept.append(row)
            continue
        if not any(field.strip() for field in row.split("\t")):
            raise PageError(
                f"{name}:{line}: row has no values (all {width} fields are empty)",
                path=name,
                line=line,
            )
        kept.append(row)
    return kept


def _field_errors(
    name: str, header: Sequence[str], rows: list[list[str]], first_line: int = 1
) -> None:
    """Raise `PageError` for the first field holding a CR or over `MAX_FIELD_CHARS` (the
    first of *rows* on file line *first_line*)."""
    for line, row in enumerate(rows, start=first_line):
        for index, field in enumerate(row):
            column = header[index] if index < len(header) else f"#{index + 1}"
            if "\r" in field:
                raise PageError(
                    f"{name}:{line}: carriage return inside field {column!r} (a lone CR; rows "
                    "end at a line feed and fields cannot hold line breaks)",
                    path=name,
                    line=line,
                )
            if len(field) > MAX_FIELD_CHARS:
                raise PageError(
                    f"{name}:{line}: field {column!r} is {len(field):,} characters long, over "
                    f"the {MAX_FIELD_CHARS:,}-character limit (a lost line end?)",
                    path=name,
                    line=line,
                )


def _missing(header: Sequence[str], required: Sequence[str]) -> list[str]:
    return [column for column in required if column not in header]


def _columns(name: str, header: Sequence[str], required: Sequence[str], what: str) -> list[int]:
    """Indices of ``required`` in ``header``, or `PageError` naming the missing ones."""
    missing = _missing(header, required)
    if missing:
        raise PageError(
            f"{name}: not a {what} table: missing column(s) {', '.join(missing)}",
            path=name,
            line=1,
        )
    return [header.index(column) for column in required]


def _column_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _hit_tuple(values: Iterable[GeneHit]) -> tuple[GeneHit, ...]:
    return tuple(values)


@attrs.frozen
class HitTable:
    """A gene hit table as read, with its header so writers can re-emit every column.

    .. versionadded:: 0.1.0
    """

    #: The file it was read from.
    path: str
    #: The header row, in file order.
    columns: tuple[str, ...] = attrs.field(converter=_column_tuple)
    #: ``website`` (``_data/<figid>-genes.tsv``) or ``2020`` (the 2020 release tables).
    format: str
    #: One hit per data row, in file order; ``raw`` holds each row's original columns.
    hits: tuple[GeneHit, ...] = attrs.field(converter=_hit_tuple)


def _table_figid(name: str) -> str | None:
    """``<figid>`` of a ``<figid>-genes.tsv`` file name."""
    base = Path(name).name
    return base.removesuffix("-genes.tsv") if base.endswith("-genes.tsv") else None


def read_hit_table(path: StrPath, *, max_bytes: int = MAX_TABLE_BYTES) -> HitTable:
    """Read a gene hit table of any supported format, detected from its header.

    Formats: the website's ``_data/<figid>-genes.tsv`` (``organism_id, organism_name, word,
    match, ncbigene_symbol, ncbigene_id, source`` and count columns) and the 2020 table
    (``figid, pmcid, word, symbol, source, hgnc_symbol, entrez``). ``NA`` becomes ``None`` in
    the optional fields (``gene_id``, ``organism_id``, ``organism_name``).

    Args:
        path: The TSV file (strict UTF-8, tab-separated, no quoting).
        max_bytes: Refuse a file larger than this (default `MAX_TABLE_BYTES`).

    Returns:
        The table: its columns, its format and one `GeneHit` per row
        (``row`` is the 1-based data row, ``raw`` the row's ``(column, value)`` pairs).

    Raises:
        PageError: The file cannot be read, is not a regular file, is over ``max_bytes``, is
            not UTF-8, has a row of the wrong width or of empty fields, a duplicate column, a
            field holding a carriage return or over `MAX_FIELD_CHARS` characters, or its
            header matches no supported format (the message names the missing columns).
    """
    return read_hit_rows(path, max_bytes=max_bytes).table()


def read_hit_rows(path: StrPath, *, max_bytes: int = MAX_TABLE_BYTES) -> HitRows:
    """`read_hit_table` without making the hits: the table's rows, checked as
    `read_hit_table` checks them (the same errors), whose hits `HitRows.hits` makes a few
    rows at a time.

    Raises:
        PageError: As `read_hit_table`.
    """
    require(path, (str, os.PathLike), "read_hit_table", "a path as str or PathLike")
    with gc_paused():
        return HitRows(*_read_tsv_lines(path, max_bytes))


class HitRows:
    """A gene hit table's rows as read and checked, before their hits are made
    (`read_hit_rows`): ``genenorm check-hits`` makes and judges the hits of one figure at a
    time instead of holding the whole table's.

    Raises:
        PageError: The header matches no supported format (the message names the missing
            columns).
    """

    __slots__ = ("_fields", "_figid", "_figid_column", "columns", "format", "path", "rows")

    def __init__(
        self, name: str, header: tuple[str, ...], rows: Sequence[str] | Sequence[list[str]]
    ) -> None:
        #: The file it was read from.
        self.path = name
        #: The header row, in file order.
        self.columns = header
        #: Every data row, in file order: its cells (as many as the header's columns), or its
        #: line, the cells joined by tabs (`cells`).
        self.rows = rows
        if "ncbigene_symbol" in header:
            table_format = "website"
        elif "hgnc_symbol" in header:
            table_format = "2020"
        else:
            website = ", ".join(_missing(header, _GENE_COLUMNS["website"]))
            old = ", ".join(_missing(header, _GENE_COLUMNS["2020"]))
            raise PageError(
                f"{name}: unknown hit-table header: not a website genes table (missing columns "
                f"{website}) nor a 2020 hit table (missing columns {old})",
                path=name,
                line=1,
            )
        #: ``website`` or ``2020``, as `HitTable.format`.
        self.format = table_format
        self._figid: str | None = None  # a website table's one figure: its file's
        self._figid_column = -1  # a 2020 table's figid column
        #: A row's fields that make its hit (the first six or seven of `GeneHit`'s).
        self._fields: Callable[[list[str]], Any]
        if table_format == "website":
            org_id, org_name, word, match, symbol, gene_id, source = _columns(
                name, header, _GENE_COLUMNS["website"], "website genes"
            )
            self._figid = _table_figid(name)
            self._fields = itemgetter(word, match, symbol, source, gene_id, org_id, org_name)
        else:
            fig, _pmcid, word, match, source, symbol, gene_id = _columns(
                name, header, _GENE_COLUMNS["2020"], "2020 hit"
            )
            self._figid_column = fig
            self._fields = itemgetter(word, match, symbol, source, gene_id, fig)

    def cells(self, index: int) -> list[str]:
        """The cells of the row at this 0-based *index*."""
        row = self.rows[index]
        return row.split("\t") if isinstance(row, str) else row

    def figids(self) -> list[str | None]:
        """The figure id of every row, in file order."""
        column, rows = self._figid_column, self.rows
        if column < 0:
            return [self._figid] * len(rows)
        return [
            row.split("\t", column + 1)[column] if isinstance(row, str) else row[column]
            for row in rows
        ]

    def hits(self, indexes: Iterable[int]) -> list[GeneHit]:
        """The hits of the rows at these 0-based *indexes*, in their order (``row``
        is the 1-based data row, ``raw`` the row's ``(column, value)`` pairs)."""
        rows, header, fields = self.rows, self.columns, self._fields
        # rows have the header's width (every caller checks it): zip without strict=True
        hits: list[GeneHit] = []
        append = hits.append
        if self.format == "website":
            figid = self._figid
            for i in indexes:
                line = rows[i]
                row = line.split("\t") if isinstance(line, str) else line  # `cells`
                w, m, sym, src, gid, oid, oname = fields(row)
                append(
                    GeneHit(
                        w, m, sym, src,
                        None if gid == _NA else gid,
                        None if oid == _NA else oid,
                        None if oname == _NA else oname,
                        figid, i + 1, tuple(zip(header, row, strict=False)),
                    )
                )  # fmt: skip
        else:
            for i in indexes:
                line = rows[i]
                row = line.split("\t") if isinstance(line, str) else line  # `cells`
                w, m, sym, src, gid, f = fields(row)
                append(
                    GeneHit(
                        w, m, sym, src, None if gid == _NA else gid,
                        _HUMAN_TAXON, _HUMAN_NAME, f, i + 1, tuple(zip(header, row, strict=False)),
                    )
                )  # fmt: skip
        return hits

    def table(self) -> HitTable:
        """The `HitTable` of every row."""
        with gc_paused():
            hits = self.hits(range(len(self.rows)))
        logger.debug("read %d %s hits from %s", len(hits), self.format, self.path)
        return HitTable(path=self.path, columns=self.columns, format=self.format, hits=hits)


def _hit_table(name: str, header: tuple[str, ...], rows: list[list[str]]) -> HitTable:
    return HitRows(name, header, rows).table()


def read_hit_table_text(text: str, *, name: str = "<text>") -> HitTable:
    """`read_hit_table` on the text of a table (no file is read).

    Args:
        text: The TSV text.
        name: The table's name in errors and in ``HitTable.path``; a name ending in
            ``<figid>-genes.tsv`` gives the hits that figid, as a file name would.

    Raises:
        PageError: As `read_hit_table`.

    .. versionadded:: 0.1.0
    """
    return HitRows(*_split_tsv_lines(text.removeprefix("\ufeff"), name)).table()


def hit_table_from_rows(rows: Sequence[Mapping[str, object]], *, name: str = "<rows>") -> HitTable:
    """A hit table from rows given as mappings of column to value (JSON objects).

    The header is every column in order of first appearance; a row without a column, or with
    ``None`` in it, has ``NA`` there; other values are written as text (``7157`` → ``"7157"``).

    Raises:
        PageError: The columns match no supported format (as `read_hit_table`).

    .. versionadded:: 0.1.0
    """
    header = tuple(dict.fromkeys(key for row in rows for key in row))
    body = [[_NA if row.get(c) is None else str(row.get(c)) for c in header] for row in rows]
    if not header:
        raise PageError(f"{name}: no hit rows", path=name, line=1)
    return _hit_table(name, header, body)


def read_hits(path: StrPath, *, max_bytes: int = MAX_TABLE_BYTES) -> tuple[GeneHit, ...]:
    """Read the gene hits of a hit table of any supported format.

    Args:
        path: A website ``-genes.tsv`` table or a 2020 hit table.

    Returns:
        One hit per data row, in file order (see `read_hit_table`).

    Raises:
        PageError: As `read_hit_table`.
    """
    return read_hit_table(path, max_bytes=max_bytes).hits


def _read_chemicals(path: StrPath, max_bytes: int = MAX_TABLE_BYTES) -> list[ChemicalHit]:
    return _read_five(path, _CHEMICAL_COLUMNS, "chemicals", ChemicalHit, max_bytes)


def _read_diseases(path: StrPath, max_bytes: int = MAX_TABLE_BYTES) -> list[DiseaseHit]:
    return _read_five(path, _DISEASE_COLUMNS, "diseases", DiseaseHit, max_bytes)


_Five = TypeVar("_Five", ChemicalHit, DiseaseHit)


def _read_five(
    path: StrPath,
    columns: Sequence[str],
    label: str,
    make: Callable[..., _Five],
    max_bytes: int = MAX_TABLE_BYTES,
) -> list[_Five]:
    """Rows of a chemicals or diseases table: the word, then four optional columns."""
    name, header, rows = _read_tsv(path, max_bytes)
    word, *rest = _columns(name, header, columns, label)
    return [make(row[word], *(_optional(row[i]) for i in rest)) for row in rows]


# --------------------------------------------------------------------------- pages


def canonical_figid(figid: str) -> str:
    """Drop an image extension, so 2020 and website figids compare equal.

    Examples:
        >>> canonical_figid("PMC1087184__JCI0525100.f2.jpg")
        'PMC1087184__JCI0525100.f2'

    Args:
        figid: A figid, with or without an image extension (``.jpg``, ``.png``, ``.gif``…).

    Returns:
        The figid without the extension.
    """
    return _IMAGE_EXTENSION.sub("", figid)


def read_page_text(text: str, *, path: str = "<stdin>") -> Page:
    """Parse the text of a PFOCR figure page (no ``_data`` tables are looked up).

    Args:
        text: The page: YAML front matter between two ``---`` lines (a BOM is tolerated).
        path: The name used in `Page.path <genenorm.models.Page.path>` and in errors.

    Returns:
        The page; ``format`` is ``website`` or, for old pages with inline ``genes:`` or
        ``chemicals:`` lists, ``website-inline`` (inline genes set ``has_hits``).

    Raises:
        PageError: Missing or unclosed front matter, malformed YAML (with the line), front
            matter that is not a mapping, ``schema-jsonld.keywords`` that is not a list of
            text, no ``figid``, or a malformed inline hit.
    """
    if (at := surrogate_at(text)) >= 0:
        line = text.count("\n", 0, at) + 1
        raise PageError(f"{path}:{line}: {surrogate_problem(text[at])}", path=path, line=line)
    return _page_from_front_matter(_front_matter(text, path), path)


def page_from_fields(data: Mapping[str, object], *, path: str = "<fields>") -> Page:
    """A page from its front-matter fields already parsed (a JSON object, a dict).

    Values are checked as the page reader checks them (``figid`` required, keywords a list of
    text); booleans or numbers are not turned into text.

    Raises:
        PageError: As `read_page_text`, for the fields.

    .. versionadded:: 0.1.0
    """
    if (char := lone_surrogate(data)) is not None:
        raise PageError(f"{path}: {surrogate_problem(char)}", path=path)
    return _page_from_front_matter({str(k): v for k, v in data.items()}, path)


def _table_paths(page_path: Path, figid: str, data_dir: StrPath | None) -> list[Path]:
    """``<directory>/<name>`` prefixes of a page's ``_data`` tables, best first.

    ``<name>`` is the page's file name, then its figid (unless the figid holds a path
    separator: front matter must not point outside the table directory).
    """
    if data_dir is not None:
        directory = Path(data_dir)
    elif page_path.parent.name == "_figures":
        directory = page_path.parent.parent / "_data"
    else:
        return []
    names = [page_path.stem]
    if Path(figid).name == figid and figid not in (".", ".."):
        names.append(figid)
    return [directory / name for name in dict.fromkeys(names)]


def _first_existing(stems: Sequence[Path], suffix: str) -> str | None:
    """The first ``<stem><suffix>`` that exists: a regular file, else any other entry (a
    dangling link, a FIFO…), so that reading it names the problem instead of skipping it."""
    found = None
    for stem in stems:
        candidate = os.fspath(stem) + suffix
        is_file = _is_file(candidate)
        if is_file:
            return candidate
        if found is None and (is_file is None or os.path.lexists(candidate)):
            found = candidate
    return found


#: Errors that mean "no such file" to `_is_file`, as to `pathlib.Path.is_file`.
#: `os.stat` errors that say there is no such file (a name too long for the file system
#: cannot name one either: a figid of 250 characters has no table by that name).
_NO_FILE_ERRNOS = frozenset(
    (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP, errno.ENAMETOOLONG)
)


def _is_file(path: str) -> bool | None:
    """`pathlib.Path.is_file` without building a path object; ``None`` when the file system
    cannot tell (no permission to search the directory, an I/O error): reading the path then
    names the problem in the page's errors instead of stopping the run."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError as err:
        return False if err.errno in _NO_FILE_ERRNOS else None
    except ValueError:
        return False


def side_tables(path: StrPath, figid: str, *, data_dir: StrPath | None = None) -> dict[str, str]:
    """The ``_data`` tables `read_page` picks up for a page, by kind (``genes``,
    ``chemicals``, ``diseases``), for those that exist.

    Args:
        path: The page's path (``<root>/_figures/<name>.md``).
        figid: The page's figid (tables are looked up by file name, then by figid).
        data_dir: As `read_page`.

    Returns:
        ``{kind: table path}``; empty when the page is not in the website layout or has no
        table.

    .. versionadded:: 0.1.0
    """
    stems = _table_paths(Path(path), figid, data_dir)
    found = {kind: _first_existing(stems, f"-{kind}.tsv") for kind in _SIDE_KINDS}
    return {kind: table for kind, table in found.items() if table is not None}


_SIDE_KINDS = ("genes", "chemicals", "diseases")


def read_page(
    path: StrPath,
    *,
    hits: StrPath | None = None,
    data_dir: StrPath | None = None,
    max_bytes: int = MAX_PAGE_BYTES,
    max_table_bytes: int = MAX_TABLE_BYTES,
) -> Page:
    """Read a PFOCR figure page, with its hit tables when they can be found.

    Tables: a page at ``<root>/_figures/<figid>.md`` gets ``<root>/_data/<figid>-genes.tsv``,
    ``-chemicals.tsv`` and ``-diseases.tsv`` when they exist. A table, when found, replaces
    the page's inline ``genes:`` / ``chemicals:`` list: the website tables are the newer,
    multi-organism record and can disagree with an old page's inline human hits. A side table
    that cannot be read does not stop the page: its error goes to `Page.errors` and the page
    keeps what it has without that table.

    Args:
        path: The ``.md`` page (a regular file; FIFOs and devices are refused).
        hits: An explicit gene hit table (any format `read_hit_table` reads) to use
            instead of any other; rows of a table with a ``figid`` column are kept only when
            their figid equals the page's, ignoring an image extension.
        data_dir: Directory holding the ``<figid>-*.tsv`` tables, instead of the website
            layout's ``_data``.
        max_bytes: Refuse a page larger than this (default `MAX_PAGE_BYTES`).
        max_table_bytes: Refuse a hit table larger than this (default `MAX_TABLE_BYTES`).

    Returns:
        The page; ``has_hits`` is true when gene hits came inline or from a table.

    Raises:
        PageError: The page or the explicit ``hits`` table cannot be read or parsed (see
            `read_page_text` and `read_hit_table`), the file name is not valid UTF-8, the
            file is not a regular file or is over ``max_bytes``.
    """
    name = os.fspath(path)
    shown = display_path(name)
    if shown != name:
        raise PageError(
            f"{shown}: file name is not valid UTF-8 (shown with \\x escapes); rename the file",
            path=shown,
        )
    page = read_page_text(_decode(_read_bytes(path, max_bytes), name), path=name)
    tables = side_tables(path, page.figid, data_dir=data_dir)
    gene_hits: Sequence[GeneHit] = page.gene_hits
    has_hits = page.has_hits
    errors: list[str] = []
    if hits is not None:
        table = read_hit_table(hits, max_bytes=max_table_bytes)
        gene_hits, has_hits = table.hits, True
        if "figid" in table.columns:
            key = canonical_figid(page.figid)
            gene_hits = [h for h in gene_hits if canonical_figid(h.figid or "") == key]
    elif (genes := tables.get("genes")) is not None:
        try:
            gene_hits, has_hits = read_hits(genes, max_bytes=max_table_bytes), True
        except PageError as err:
            errors.append(str(err))
    chemical_hits: Sequence[ChemicalHit] = page.chemical_hits
    if (chemicals := tables.get("chemicals")) is not None:
        try:
            chemical_hits = _read_chemicals(chemicals, max_table_bytes)
        except PageError as err:
            errors.append(str(err))
    disease_hits: Sequence[DiseaseHit] = page.disease_hits
    if (diseases := tables.get("diseases")) is not None:
        try:
            disease_hits = _read_diseases(diseases, max_table_bytes)
        except PageError as err:
            errors.append(str(err))
    if (
        gene_hits is page.gene_hits
        and chemical_hits is page.chemical_hits
        and disease_hits is page.disease_hits
        and not errors
    ):
        return page  # no table found: the page as read
    return attrs.evolve(
        page,
        gene_hits=_items(gene_hits),
        chemical_hits=_items(chemical_hits),
        disease_hits=_items(disease_hits),
        has_hits=has_hits,
        errors=_items(errors),
    )


def pages_from_hit_table(table: HitTable) -> list[Page]:
    """Group a hit table's rows into one page per figid, in first-seen order.

    Args:
        table: A table from `read_hit_table`.

    Returns:
        ``Page(format="table", has_hits=True)`` values whose ``keywords`` are the distinct gene
        symbols of their hits, in row order; ``figid`` is the table's text (2020 figids keep
        their image extension, see `canonical_figid`). A website table, which has no
        figid column, gives one page named after its file.
    """
    fallback = _table_figid(table.path) or Path(table.path).stem
    groups: dict[str, list[GeneHit]] = {}
    for hit in table.hits:
        groups.setdefault(hit.figid or fallback, []).append(hit)
    pages = []
    for figid, hits in groups.items():
        head, separator, _ = figid.partition("__")
        pmcid = dict(hits[0].raw).get("pmcid") or (head if separator else None)
        pages.append(
            Page(
                figid=figid,
                path=table.path,
                format="table",
                pmcid=_optional(pmcid),
                keywords=dict.fromkeys(hit.symbol for hit in hits),
                gene_hits=_items(hits),
                has_hits=True,
            )
        )
    return pages


def _walk(directory: Path) -> Iterator[Path | PageError]:
    """Every ``*.md`` entry under ``directory``, sorted, without following directory links.

    Entries that are not regular files (dangling or looping links, FIFOs…) are yielded too,
    so that reading them reports them; a subdirectory that cannot be listed is a `PageError`
    in its place; a directory holding no ``.md`` entry at all is a `NoInputError`.
    """
    found: list[tuple[Path, Path | PageError]] = []
    pending = [directory]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as entries:
                listed = list(entries)
        except OSError as err:
            shown = display_path(current)
            error = PageError(f"{shown}: cannot list directory: {err.strerror or err}", path=shown)
            found.append((current, error))
            continue
        for entry in listed:
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                pending.append(Path(entry.path))
            elif entry.name.endswith(".md"):
                found.append((Path(entry.path), Path(entry.path)))
    if not found:
        shown = display_path(directory)
        yield NoInputError(
            f"{shown}: no input found (no *.md page in this directory or below it)", path=shown
        )
    for _, item in sorted(found, key=lambda pair: pair[0]):
        yield item


def page_entries(paths: StrPath | Iterable[StrPath]) -> Iterator[Path | PageError]:
    """The page files `iter_pages` reads, in its order: each file given, and each ``*.md``
    entry of each directory (`_walk`), or the error of a directory that cannot be listed."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    for entry in paths:
        path = Path(entry)
        if _is_dir(path):
            yield from _walk(path)
        else:
            yield path  # reading it names any problem (a name too long, a dangling link…)


def _is_dir(path: Path) -> bool:
    """`Path.is_dir`, false where the file system cannot tell (a name too long for it)."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def iter_pages(
    paths: StrPath | Iterable[StrPath],
    *,
    max_bytes: int = MAX_PAGE_BYTES,
    max_table_bytes: int = MAX_TABLE_BYTES,
) -> Iterator[Page | PageError]:
    """Read many pages, yielding a `PageError` in place of each page that fails.

    Args:
        paths: Files and directories (searched recursively for ``*.md``, sorted, directory
            links not followed), or one of them.
        max_bytes: As `read_page`.
        max_table_bytes: As `read_page`.

    Yields:
        One `Page` or `PageError` per file and per ``*.md`` entry of a directory, in order;
        hit tables are picked up as by `read_page`. Entries that cannot be read (dangling
        or looping links, FIFOs, devices, non-UTF-8 names) and subdirectories that cannot be
        listed give a `PageError`; a directory without any ``*.md`` entry gives a
        `NoInputError`.
    """
    for item in page_entries(paths):
        if isinstance(item, PageError):
            logger.info("skipping %s: %s", item.path, item)
            yield item
            continue
        try:
            yield read_page(item, max_bytes=max_bytes, max_table_bytes=max_table_bytes)
        except PageError as err:
            logger.info("skipping %s: %s", display_path(item), err)
            yield err
