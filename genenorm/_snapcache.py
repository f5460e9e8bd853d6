"""A binary cache of tables parsed from the snapshot, keyed by the files' SHA-256.

Decompressing and splitting ``hgnc.tsv.gz`` and ``hgnc_keys.tsv.gz`` and building the key
dictionaries is most of a cold start. The lexicon checks every data file against its SHA-256
as before, then asks `cached` for a table parsed from that file: the first process builds it
and writes it to ``$XDG_CACHE_HOME/genenorm/snapshot/`` (``~/.cache/…``), and later
processes read it back several times faster. Big tables are kept in shards read on first use
(`Sharded`). The cache also remembers the fingerprint (size, times, inode, device) a data
file had when it matched its SHA-256 (`remember_checked`); while the file keeps it, it is
not hashed again (`trusted`).

A cache file is named by the source file's SHA-256, the table and the format's version, and
holds a CRC-32 of its payload: a truncated, corrupted, foreign or older file is ignored and
rebuilt, an unwritable directory only means no cache. ``GENENORM_SNAPSHOT_CACHE`` names
another directory, or ``off`` for none.

The format (`_encode`, `_decode`) is only ever parsed: lengths and counts are read with
``int.from_bytes`` (as `struct` would, without its import), text is decoded as UTF-8 and
strings are split on NUL in C, integer columns stay bytes that the caller turns into an
``array``; nothing in a file is executed or names a type to build (no ``marshal``, no
``pickle``). A file that does not parse as a whole is a miss. A file is a header of 18
bytes (`_HEAD_SIZE`) and a payload, integers little-endian:

- 5 bytes, the magic and version ``GNSC2`` (`_MAGIC`; bump the digit when the layout or
  what a table holds changes);
- 1 byte, the byte order of the integer columns stored as bytes, ``<`` or ``>``;
- 8 bytes, the payload's length, and 4 bytes, its CRC-32;
- the payload: one value, a tag byte and its contents (counts and lengths in 4 bytes):

  - ``s`` a string: its length in bytes, then its UTF-8 (lone surrogates kept);
  - ``b`` bytes: their length, then them;
  - ``i`` an integer: its length *n* in one byte (1-255), then *n* bytes, signed
    little-endian;
  - ``t`` / ``l`` a tuple / list: its length, then its items;
  - ``S`` a list of strings none of which holds NUL: its length, then the length in bytes
    of the strings joined by NUL and that UTF-8 (split in one call);
  - ``d`` a dictionary with string keys: its length, then each key and its value.

Values nest at most `_DEPTH` deep, and a file must end where its value does.

A CRC catches damage, not a file someone else wrote on purpose, and tables planted by
someone else would change results even when only parsed: a cache file is read only when it
and its directory belong to the current user and neither is writable by anyone else (the
trust model of Python's own ``__pycache__``). Anything else is ignored, as if there were no
cache. The cache writes its directory with mode 0700 and its files with mode 0600.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import stat
import sys
import zlib
from array import array
from collections.abc import Callable, Iterator, Sequence
from itertools import accumulate
from pathlib import Path
from typing import Any, Generic, TypeVar, cast, overload

__all__ = [
    "CACHE_ENV", "ByteRows", "Lookup", "Rows", "Sharded", "ShardedLookup", "ShardedRows",
    "TextRows", "cache_dir", "cached", "fingerprint", "lists", "log_debug", "remember_checked",
    "shard_of_key", "trusted",
]  # fmt: skip


#: Environment variable: the cache directory, or ``off`` (``0``, ``no``, empty) for none.
CACHE_ENV = "GENENORM_SNAPSHOT_CACHE"

#: Start of every cache file: the format and its version; bump the digit when the layout or
#: what a table holds changes (files of another version are then ignored and rebuilt).
_MAGIC = b"GNSC2"

#: This machine's byte order, as the header writes it.
_ORDER = b"<" if sys.byteorder == "little" else b">"

#: The length of a cache file's header: `_MAGIC`, the byte order of its integer columns
#: (`_ORDER`), the payload's length (8 bytes) and its CRC-32 (4 bytes).
_HEAD_SIZE = len(_MAGIC) + 1 + 8 + 4

#: How deep values may nest (a table stores at most three levels).
_DEPTH = 8

T = TypeVar("T")
V = TypeVar("V")
_Row = TypeVar("_Row", str, bytes)


def log_debug(logger: str, msg: str, *args: object) -> None:
    """``logging.getLogger(logger).debug(msg, *args)``, without importing `logging` when
    nothing has: no handler or level can have been set then, so the record would go nowhere
    (and a cold start saves the 3 ms of the import)."""
    logging = sys.modules.get("logging")
    if logging is not None:
        logging.getLogger(logger).debug(msg, *args)


def cache_dir() -> Path | None:
    """The cache directory in use, or ``None`` when caching is off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        off = value.strip().lower() in ("", "0", "off", "no", "false")
        return None if off else Path(value)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home directory
            return None
    return Path(base) / "genenorm" / "snapshot"


def _path(directory: Path, key: str, table: str) -> Path:
    return directory / f"{key}-{table}-{_MAGIC.decode().lower()}.bin"


class _MalformedError(ValueError):
    """A payload that does not parse (`_decode`)."""


def _encode(value: object, out: list[bytes], depth: int = 0) -> None:
    """Append the encoding of *value* to *out* (see the module's docstring).

    Raises:
        TypeError: *value* holds something other than strings, bytes, integers, tuples,
            lists and dictionaries with string keys (``bool`` included).
        ValueError: it nests deeper than `_DEPTH` or holds an integer of over 2,000 bits.
        OverflowError: a string, bytes or list is too long for its length field (4 GB).
    """
    kind = type(value)
    if kind is str:
        data = cast("str", value).encode("utf-8", "surrogatepass")
        out += (b"s", _u32(len(data)), data)
    elif kind is bytes:
        raw = cast("bytes", value)
        out += (b"b", _u32(len(raw)), raw)
    elif kind is int:
        number = cast("int", value)
        n = number.bit_length() // 8 + 1
        out += (b"i", bytes((n,)), number.to_bytes(n, "little", signed=True))
    elif depth >= _DEPTH:
        msg = f"a cache value nests deeper than {_DEPTH}"
        raise ValueError(msg)
    elif kind is list or kind is tuple:
        items = cast("list[object] | tuple[object, ...]", value)
        if kind is list and items and all(type(item) is str for item in items):
            joined = "\0".join(cast("list[str]", items))
            if joined.count("\0") == len(items) - 1:  # no string holds NUL
                data = joined.encode("utf-8", "surrogatepass")
                out += (b"S", _u32(len(items)), _u32(len(data)), data)
                return
        out += (b"l" if kind is list else b"t", _u32(len(items)))
        for item in items:
            _encode(item, out, depth + 1)
    elif kind is dict:
        table = cast("dict[object, object]", value)
        out += (b"d", _u32(len(table)))
        for key, item in table.items():
            if type(key) is not str:
                msg = f"a cache dictionary has a key of type {type(key).__name__}"
                raise TypeError(msg)
            _encode(key, out, depth + 1)
            _encode(item, out, depth + 1)
    else:
        msg = f"a cache value cannot hold {kind.__name__}"
        raise TypeError(msg)


def _u32(n: int) -> bytes:
    """*n* as a count or length in a payload (raises `OverflowError` from 4 GB)."""
    return n.to_bytes(4, "little")


def _decode(data: bytes, view: memoryview, pos: int, depth: int = 0) -> tuple[object, int]:
    """The value encoded in *data* (also seen as *view*) at *pos*, and the position after it.

    Raises:
        _MalformedError: the bytes there are not a value (unknown tag, a length past the
            end, invalid UTF-8, too deep, a list of strings that splits into another count).
    """
    end = len(data)
    if pos >= end:
        raise _MalformedError("truncated")
    tag = data[pos]
    pos += 1
    if tag == 0x69:  # i
        if pos >= end:
            raise _MalformedError("truncated")
        stop = pos + 1 + data[pos]
        if stop > end or stop == pos + 1:
            raise _MalformedError("bad integer")
        return int.from_bytes(data[pos + 1 : stop], "little", signed=True), stop
    n = int.from_bytes(data[pos : pos + 4], "little")
    pos += 4
    if pos > end:
        raise _MalformedError("truncated")
    if tag == 0x73 or tag == 0x62:  # s, b
        stop = pos + n
        if stop > end:
            raise _MalformedError("truncated")
        if tag == 0x62:
            return data[pos:stop], stop
        try:
            return str(view[pos:stop], "utf-8", "surrogatepass"), stop
        except UnicodeDecodeError as err:
            raise _MalformedError("invalid UTF-8") from err
    if tag == 0x53:  # S
        stop = pos + 4 + int.from_bytes(data[pos : pos + 4], "little")
        if stop > end:
            raise _MalformedError("truncated")
        try:
            strings = str(view[pos + 4 : stop], "utf-8", "surrogatepass").split("\0")
        except UnicodeDecodeError as err:
            raise _MalformedError("invalid UTF-8") from err
        if len(strings) != n:
            raise _MalformedError("wrong count of strings")
        return strings, stop
    if depth >= _DEPTH:
        raise _MalformedError("too deep")
    if tag == 0x6C or tag == 0x74:  # l, t
        items = []
        for _ in range(n):  # every item takes a byte at least: no more items than bytes
            item, pos = _decode(data, view, pos, depth + 1)
            items.append(item)
        return (items if tag == 0x6C else tuple(items)), pos
    if tag == 0x64:  # d
        table: dict[str, object] = {}
        for _ in range(n):
            key, pos = _decode(data, view, pos, depth + 1)
            if type(key) is not str:
                raise _MalformedError("a key that is not a string")
            table[key], pos = _decode(data, view, pos, depth + 1)
        return table, pos
    raise _MalformedError(f"unknown tag {tag:#04x}")


def _pack(value: object) -> bytes:
    """The bytes of a cache file holding *value* (raises as `_encode`)."""
    parts: list[bytes] = []
    _encode(value, parts)
    crc = 0
    for part in parts:  # the payload is joined once, with the header
        crc = zlib.crc32(part, crc)
    size = sum(map(len, parts)).to_bytes(8, "little")
    return b"".join((_MAGIC, _ORDER, size, crc.to_bytes(4, "little"), *parts))


def _unpack(data: bytes) -> object:
    """The value in a cache file's bytes; ``None`` when they are not a sound cache file of
    this version and byte order (`_pack`)."""
    head = _HEAD_SIZE
    if len(data) < head or not data.startswith(_MAGIC + _ORDER):
        return None
    view = memoryview(data)
    size = int.from_bytes(view[head - 12 : head - 4], "little")
    crc = int.from_bytes(view[head - 4 : head], "little")
    if size != len(data) - head or zlib.crc32(view[head:]) != crc:
        return None
    try:
        value, stop = _decode(data, view, head)
    except _MalformedError:
        return None
    return value if stop == len(data) else None


def _private(st: os.stat_result) -> bool:
    """Owned by the current user and writable by nobody else (always true without POSIX
    owners)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    return st.st_uid == getuid() and not st.st_mode & 0o022


def _read_own(path: Path) -> bytes:
    """The bytes of a cache file that only the current user could have written; empty when
    it is missing, unreadable, a symbolic link, not a regular file (opened without waiting
    for a writer, should it be a FIFO), or not private (with its directory)."""
    try:
        if not _private(os.stat(path.parent)):
            return b""
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)
    except OSError:
        return b""
    try:
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            return f.read() if stat.S_ISREG(st.st_mode) and _private(st) else b""
    except OSError:
        return b""


def _store(path: Path, value: Any) -> None:
    """Write *value* to *path* atomically; any failure only means no cache."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        data = _pack(value)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(os.stat(path.parent)):
            return  # others could replace what we write: no cache here
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(tmp, flags, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except (OSError, ValueError, TypeError, OverflowError) as err:
        log_debug(__name__, "snapshot cache %s not written: %s", path, err)
        with contextlib.suppress(OSError):
            tmp.unlink()


#: A data file's fingerprint: size, modification and change times (ns), inode and device.
Fingerprint = tuple[int, int, int, int, int]

#: A file changed less than this long ago (ns) is never trusted on its fingerprint: a change
#: made later within the same clock tick would not show in its times.
_SETTLED_NS = 2_000_000_000


#: The most data files whose checks one cache key remembers (each checkout of the same data
#: has its own path; older records are dropped first).
_CHECKED_RECORDS = 32


def fingerprint(st: os.stat_result) -> Fingerprint:
    """The fingerprint of a file's `os.stat` result."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def _checked_records(directory: Path, key: str) -> dict[str, Fingerprint]:
    value = _unpack(_read_own(_path(directory, key, "checked")))
    return value if isinstance(value, dict) else {}


def trusted(key: str, path: str, st: os.stat_result) -> bool:
    """Whether the data file *path* (of cache *key*: its SHA-256 and row count) matched its
    SHA-256 when it had exactly the fingerprint of *st* (`remember_checked`): then it has
    not been written, replaced or truncated since, and need not be hashed again. Always
    ``False`` without a cache."""
    directory = cache_dir()
    if directory is None:
        return False
    return _checked_records(directory, key).get(path) == fingerprint(st)


def remember_checked(key: str, path: str, st: os.stat_result) -> None:
    """Record that *path*, with the fingerprint of *st*, matched the SHA-256 of *key*; not
    when the file changed in the last two seconds (`_SETTLED_NS`)."""
    import time

    directory = cache_dir()
    if directory is None or time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) < _SETTLED_NS:
        return
    # records of files that are gone (a removed checkout, a temporary data directory) are
    # dropped, and at most `_CHECKED_RECORDS` are kept, the newest
    records = {
        p: fp
        for p, fp in _checked_records(directory, key).items()
        if p != path and os.path.lexists(p)
    }
    records[path] = fingerprint(st)
    if len(records) > _CHECKED_RECORDS:
        records = dict(list(records.items())[-_CHECKED_RECORDS:])
    _store(_path(directory, key, "checked"), records)


def lists(value: object) -> list[Any] | None:
    """`cached`'s *load* for a list."""
    return value if isinstance(value, list) else None


def cached(
    key: str,
    table: str,
    build: Callable[[], T],
    load: Callable[[object], T | None],
    dump: Callable[[T], object] = lambda value: value,
) -> T:
    """The table *table* parsed from the data file with this *key* (its SHA-256 and whatever
    else the parse depends on, such as the manifest's row count): read from the cache
    (*load* turns the stored value back into the table, ``None`` when it is not one), else
    made by *build* (which raises on a malformed file, as without a cache) and stored as
    *dump* gives it.
    """
    directory = cache_dir()
    if directory is None:
        return build()
    path = _path(directory, key, table)
    data = _read_own(path)
    value = load(_unpack(data)) if data else None
    if value is not None:
        return value
    built = build()
    _store(path, dump(built))
    return built


class Sharded(Generic[T]):
    """A table cut into shards, each kept in a cache file of its own and read on its first
    use, so that a cold start reads only the shards it looks into (a resolve: one shard of
    the HGNC rows and one of the key table, instead of both whole).

    The cache holds every shard and an index (the shard names and their sizes), written
    last. Reading a shard that is missing or unsound makes every shard anew with *build*
    (which returns them all, by name) and stores them again, as `cached` does for a whole
    table; without a cache, *build* runs once and the shards stay in memory.
    """

    __slots__ = ("_build", "_directory", "_dump", "_key", "_load", "_shards", "_sizes", "_table")

    def __init__(
        self,
        key: str,
        table: str,
        build: Callable[[], dict[str, T]],
        load: Callable[[object], T | None],
        dump: Callable[[T], object],
    ) -> None:
        self._key, self._table, self._build, self._load, self._dump = key, table, build, load, dump
        self._shards: dict[str, T] = {}
        self._directory = cache_dir()
        sizes = None
        if self._directory is not None:
            data = _read_own(_path(self._directory, key, f"{table}@"))
            sizes = _sizes(_unpack(data)) if data else None
        if sizes is None:
            sizes = self._rebuild()
        #: Shard name -> its size (rows or keys), in the order *build* gave them.
        self._sizes: dict[str, int] = sizes

    def _rebuild(self) -> dict[str, int]:
        built = self._build()
        self._shards = built
        sizes = {name: len(cast("Sequence[Any]", value)) for name, value in built.items()}
        if self._directory is not None:
            for name, value in built.items():
                _store(
                    _path(self._directory, self._key, f"{self._table}@{name}"), self._dump(value)
                )
            _store(_path(self._directory, self._key, f"{self._table}@"), _dump_sizes(sizes))
        return sizes

    @property
    def sizes(self) -> dict[str, int]:
        """Every shard's size, by name."""
        return self._sizes

    def get(self, name: str) -> T | None:
        """The shard *name*, or ``None`` when there is no such shard."""
        found = self._shards.get(name)
        if found is None:
            if name not in self._sizes:
                return None
            if self._directory is not None:
                data = _read_own(_path(self._directory, self._key, f"{self._table}@{name}"))
                found = self._load(_unpack(data)) if data else None
            if found is None:
                self._rebuild()
                return self._shards.get(name)
            self._shards[name] = found
        return found


def _dump_sizes(sizes: dict[str, int]) -> tuple[list[str], bytes]:
    """The index of a `Sharded` table as stored: the shard names, and their sizes as the
    bytes of an ``array`` of 8-byte integers (two values to parse, not two per shard)."""
    return list(sizes), array("q", sizes.values()).tobytes()


def _sizes(value: object) -> dict[str, int] | None:
    """The index of a `Sharded` table as stored (`_dump_sizes`), or ``None``."""
    if not (isinstance(value, tuple) and len(value) == 2):
        return None
    names, raw = value
    if not (
        isinstance(names, list)
        and isinstance(raw, bytes)
        and len(raw) == array("q").itemsize * len(names)
        and all(type(name) is str for name in names)
    ):
        return None
    sizes = dict(zip(names, array("q", raw), strict=True))
    return sizes if len(sizes) == len(names) else None


class Lookup(Generic[V]):
    """A read-only ``str``-keyed table as it comes from the cache: sorted keys and their
    values, searched by bisection, until `DICT_AFTER` look-ups make a dictionary worth
    building (a cold start looks up a few keys; a corpus run, millions)."""

    __slots__ = ("_dict", "_keys", "_left", "_values")

    #: Look-ups by bisection before the dictionary is built.
    DICT_AFTER = 2_000

    def __init__(self, keys: Sequence[str], values: Sequence[V]) -> None:
        self._keys, self._values = keys, values
        self._dict: dict[str, V] | None = None
        self._left = self.DICT_AFTER

    @classmethod
    def of(cls, table: dict[str, V]) -> Lookup[V]:
        """A lookup over a dictionary already built."""
        lookup: Lookup[V] = cls([], [])
        lookup._dict = table
        return lookup

    @classmethod
    def load(cls, value: object) -> Lookup[Any] | None:
        """`cached`'s *load*: the stored pair of lists back as a lookup."""
        if (
            isinstance(value, tuple)
            and len(value) == 2
            and isinstance(value[0], list)
            and isinstance(value[1], list)
            and len(value[0]) == len(value[1])
        ):
            return cls(value[0], value[1])
        return None

    def dump(self) -> tuple[list[str], list[V]]:
        """`cached`'s *dump*: sorted keys and their values."""
        table = self.dict()
        keys = sorted(table)
        return keys, [table[k] for k in keys]

    @classmethod
    def load_packed(cls, value: object) -> Lookup[Any] | None:
        """`cached`'s *load* for `dump_packed`: the keys and the values stay packed (`Rows`,
        or an ``array`` of integers), so that a cold start reads two strings instead of a
        list of strings for each key and value; a lookup slices the few keys it visits."""
        if not (isinstance(value, tuple) and len(value) == 3):
            return None
        kind, keys, values = value
        found_keys = Rows.load(keys)
        if found_keys is None:
            return None
        found: Sequence[Any] | None = None
        if kind == "str":
            found = Rows.load(values)
        elif kind == "int" and isinstance(values, tuple) and len(values) == 2:
            data, size = values
            if isinstance(data, bytes) and size == array("q").itemsize and not len(data) % size:
                found = array("q", data)
        if found is None or len(found) != len(found_keys):
            return None
        return cls(found_keys, found)

    def dump_packed(self) -> tuple[str, object, object]:
        """`cached`'s *dump* for `load_packed`: sorted keys and their values, each packed
        (the values must be all strings or all integers).

        Raises:
            TypeError: the values are neither all strings nor all integers.
        """
        keys, values = self.dump()
        packed_keys = Rows.of(keys).dump()
        if all(type(v) is str for v in values):
            return "str", packed_keys, Rows.of(cast("list[str]", values)).dump()
        if all(type(v) is int for v in values):
            numbers = array("q", cast("list[int]", values))
            return "int", packed_keys, (numbers.tobytes(), numbers.itemsize)
        msg = "a packed lookup holds only strings or only integers"
        raise TypeError(msg)

    def dict(self) -> dict[str, V]:
        """The table as a dictionary (built now if need be)."""
        if self._dict is None:
            self._dict = dict(zip(self._keys, self._values, strict=True))
            self._keys, self._values = [], []
        return self._dict

    def get(self, key: str) -> V | None:
        """The value of *key*, or ``None``."""
        table = self._dict
        if table is not None:
            return table.get(key)
        self._left -= 1
        if self._left < 0:
            return self.dict().get(key)
        keys = self._keys
        i = bisect.bisect_left(keys, key)
        return self._values[i] if i < len(keys) and keys[i] == key else None

    def __iter__(self) -> Iterator[str]:
        """The keys, in sorted order."""
        return iter(self.dict())

    def __len__(self) -> int:
        return len(self._dict) if self._dict is not None else len(self._keys)

    def prefixed(self, prefix: str) -> list[str]:
        """The keys that start with *prefix*, in the order of iteration (found by bisection
        while the table is not a dictionary)."""
        if self._dict is not None:
            return [k for k in self._dict if k.startswith(prefix)]
        keys = self._keys
        i = bisect.bisect_left(keys, prefix)
        found = []
        while i < len(keys) and keys[i].startswith(prefix):
            found.append(keys[i])
            i += 1
        return found


class _Packed(Sequence[_Row]):
    """A read-only list of rows kept as one string (or bytes) and the rows' end offsets: a
    row costs 4 bytes and its characters instead of an object each (about 60 bytes more)."""

    __slots__ = ("_data", "_ends")

    _data: _Row
    _ends: array[int]

    def __init__(self, data: _Row, ends: array[int]) -> None:
        self._data, self._ends = data, ends

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, index: int) -> _Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[_Row]: ...
    def __getitem__(self, index: int | slice) -> _Row | list[_Row]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        ends = self._ends
        if index < 0:
            index += len(ends)
        end = ends[index]  # IndexError out of range
        return self._data[ends[index - 1] if index else 0 : end]

    def __iter__(self) -> Iterator[_Row]:
        data, start = self._data, 0
        for end in self._ends:
            yield data[start:end]
            start = end


class Rows(_Packed[str]):
    """Text rows packed into one string (`_Packed`). Made for tables searched by bisection
    (a look-up slices the few rows it visits)."""

    __slots__ = ()

    @classmethod
    def of(cls, lines: list[str]) -> Rows:
        """The rows of *lines*."""
        return cls("".join(lines), array("I", accumulate(map(len, lines))))

    @classmethod
    def load(cls, value: object) -> Rows | None:
        """`cached`'s *load*: the stored text and end offsets back as rows."""
        parts = _packed_parts(value, str)
        return None if parts is None else cls(*parts)

    def dump(self) -> tuple[str, bytes, int]:
        """`cached`'s *dump*: the text, the end offsets as bytes and their item size."""
        return self._data, self._ends.tobytes(), self._ends.itemsize


def _packed_parts(value: object, kind: type[_Row]) -> tuple[_Row, array[int]] | None:
    """The rows' data and end offsets from what `Rows.dump` or `TextRows.dump` stored (data
    of type *kind*, the offsets' bytes and their item size), or ``None`` when it is not such
    a triple or the offsets do not end at the data's length."""
    if not (isinstance(value, tuple) and len(value) == 3):
        return None
    data, ends, size = value
    item = array("I").itemsize
    if not (isinstance(data, kind) and isinstance(ends, bytes) and size == item):
        return None
    if len(ends) % item:
        return None
    offsets = array("I", ends)
    if (offsets[-1] if offsets else 0) != len(data):
        return None
    return data, offsets


class ByteRows(_Packed[bytes]):
    """`Rows` of UTF-8 bytes (decompressed chemical shards, decoded only when found)."""

    __slots__ = ()

    def __init__(self, lines: list[bytes]) -> None:
        super().__init__(b"".join(lines), array("I", accumulate(map(len, lines))))


class TextRows(Sequence[str]):
    """Text rows kept as their UTF-8 bytes and the rows' byte end offsets, each row decoded
    when it is read: `Rows` for a table read a few rows at a time. Loading it from the cache
    copies bytes (decoding a string of 5 MB with one non-ASCII character is slow: 12 ms,
    against 1 ms to copy the bytes); a whole pass decodes every row."""

    __slots__ = ("_data", "_ends")

    def __init__(self, data: bytes, ends: array[int]) -> None:
        self._data, self._ends = data, ends

    @classmethod
    def of(cls, lines: list[str]) -> TextRows:
        """The rows of *lines*."""
        encoded = [line.encode("utf-8") for line in lines]
        return cls(b"".join(encoded), array("I", accumulate(map(len, encoded))))

    @classmethod
    def load(cls, value: object) -> TextRows | None:
        """`cached`'s *load*: the stored bytes and end offsets back as rows."""
        parts = _packed_parts(value, bytes)
        return None if parts is None else cls(*parts)

    def dump(self) -> tuple[bytes, bytes, int]:
        """`cached`'s *dump*: the bytes, the end offsets as bytes and their item size."""
        return self._data, self._ends.tobytes(), self._ends.itemsize

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        ends = self._ends
        if index < 0:
            index += len(ends)
        end = ends[index]  # IndexError out of range
        return self._data[ends[index - 1] if index else 0 : end].decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        data, start = self._data, 0
        for end in self._ends:
            yield data[start:end].decode("utf-8")
            start = end


def shard_of_key(key: str) -> str:
    """The shard of a `ShardedLookup` that holds *key*: the code point of its first
    character in hex when that is an ASCII letter or digit, else ``~`` (names safe in file
    names on every file system, case-insensitive ones included)."""
    return _SHARD_OF.get(key[:1], "~")


_SHARD_OF = {
    c: format(ord(c), "x") for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
}


class ShardedLookup(Generic[V]):
    """A `Lookup` cut by the first character of its keys (`shard_of_key`), each shard a
    packed `Lookup` read on its first use (`Sharded`). The shards share one budget of
    look-ups by bisection (`Lookup.DICT_AFTER`): after it, a shard is made a dictionary
    when it is next used, as one `Lookup` would be."""

    __slots__ = ("_left", "_shards")

    def __init__(self, shards: Sharded[Lookup[V]]) -> None:
        self._shards = shards
        self._left = Lookup.DICT_AFTER

    @staticmethod
    def split(table: dict[str, V]) -> dict[str, Lookup[V]]:
        """*table* cut into the shards of a `ShardedLookup` (*build* of its `Sharded`)."""
        parts: dict[str, dict[str, V]] = {}
        for key, value in table.items():
            parts.setdefault(shard_of_key(key), {})[key] = value
        return {name: Lookup.of(part) for name, part in parts.items()}

    def get(self, key: str) -> V | None:
        """The value of *key*, or ``None``."""
        shard = self._shards.get(_SHARD_OF.get(key[:1], "~"))
        if shard is None:
            return None
        if self._left > 0:
            self._left -= 1
            return shard.get(key)
        return shard.dict().get(key)

    def prefixed(self, prefix: str) -> list[str]:
        """`Lookup.prefixed` for a *prefix* of at least one character."""
        shard = self._shards.get(shard_of_key(prefix))
        return [] if shard is None else shard.prefixed(prefix)


class ShardedRows(Sequence[str]):
    """`TextRows` cut into shards of `SIZE` rows, each read on its first use (`Sharded`)."""

    __slots__ = ("_n", "_shards")

    #: Rows per shard.
    SIZE = 4096

    def __init__(self, shards: Sharded[TextRows]) -> None:
        self._shards = shards
        self._n = sum(shards.sizes.values())

    @classmethod
    def split(cls, lines: list[str]) -> dict[str, TextRows]:
        """*lines* cut into the shards of a `ShardedRows` (*build* of its `Sharded`)."""
        size = cls.SIZE
        return {
            str(i // size): TextRows.of(lines[i : i + size]) for i in range(0, len(lines), size)
        }

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += self._n
        if not 0 <= index < self._n:
            raise IndexError(index)
        shard = self._shards.get(str(index // self.SIZE))
        if shard is None:  # pragma: no cover - the sizes say every shard exists
            raise IndexError(index)
        return shard[index % self.SIZE]

    def __iter__(self) -> Iterator[str]:
        for i in range((self._n + self.SIZE - 1) // self.SIZE):
            shard = self._shards.get(str(i))
            if shard is not None:
                yield from shard
