"""The snapshot cache: same lexicon with or without it, safe when corrupt or unwritable."""

from __future__ import annotations

import bisect
import os
import random
import subprocess
import sys
import zlib
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from genenorm._snapcache import (
    _HEAD_SIZE,
    _MAGIC,
    _ORDER,
    CACHE_ENV,
    ByteRows,
    Lookup,
    Rows,
    TextRows,
    _dump_sizes,
    _pack,
    _path,
    _sizes,
    _unpack,
    cache_dir,
    cached,
)
from genenorm.lexicon import Lexicon, default_data_dir

TERMS = ["TP53", "tp53", "IL 6", "TNF-α", "SEPT7", "xyzzy", "KARS", "p53"]


def facts(lex: Lexicon) -> list[object]:
    """What a resolver reads from a lexicon, for a few terms."""
    from genenorm.text import clean, fold, norm_key

    out: list[object] = [len(lex), lex.gene(0), lex.index_of("HGNC:11998"), lex.index_of("x")]
    out += [lex.index_of_entrez("7157"), lex.index_of_entrez("0")]
    for term in TERMS:
        out += [lex.lookup_fold(fold(clean(term))), lex.lookup_norm(norm_key(term))]
    out.append(sorted(lex.mirna_symbols.items())[:5])
    # the compact tables (judge tables, organisms), built or read from the cache
    out += [lex.cell_lines("THP-1"), lex.go_process("EMT"), lex.enzyme("hexokinase")]
    out += [
        lex.go_term(0),
        lex.n_go_terms,
        lex.chemical("pyruvate"),
        lex.genes_named("tumor protein p53"),
        lex.genes_named("insulin"),
        lex.genes_named("no such gene name"),
    ]
    # the row tables of the cache (names, withdrawn symbols) answer as the full passes do
    withdrawn = lex.withdrawn_entries
    for key in [*list(withdrawn)[:50], "TP53", "XYZZY"]:
        assert lex.withdrawn_of(key) == withdrawn.get(key, [])
        out.append(lex.withdrawn_of(key))
    from genenorm.organisms import OrganismTable

    table = OrganismTable.from_lexicon(lex)
    text = "Arabidopsis thaliana and A. thaliana in E. coli, yeast and human HeLa cells; Bacillus"
    out += [len(table), table.lookup("E. coli"), table.taxon("9606"), table.taxon("09606")]
    out.append([attrs.astuple(m) for m in table.scan(text)])
    return out


@pytest.fixture(name="cache")
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(directory))
    return directory


def test_same_lexicon_cold_warm_and_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = facts(Lexicon.from_dir(default_data_dir()))  # builds the cache
    files = sorted(p.name for p in cache.iterdir())
    assert any("-fold.s@-" in f for f in files)  # the index of a sharded table
    assert any("-fold.s@54-" in f for f in files)  # its shard of the keys starting with T
    assert any("-rows8.4096@0-" in f for f in files)
    assert any("-by_id.p-" in f for f in files)
    assert any("-organisms-" in f for f in files)
    assert any("-rows-" in f for f in files)
    assert not any(f.endswith(".tmp") for f in files)
    assert facts(Lexicon.from_dir(default_data_dir())) == first  # reads it
    monkeypatch.setenv(CACHE_ENV, "off")
    assert cache_dir() is None
    assert facts(Lexicon.from_dir(default_data_dir())) == first


@pytest.mark.parametrize(
    "damage", ["truncate", "flip", "garbage", "sealed-garbage", "sealed-prefix", "empty"]
)
def test_corrupt_cache_rebuilt(cache: Path, damage: str) -> None:
    first = facts(Lexicon.from_dir(default_data_dir()))
    for path in cache.iterdir():
        data = path.read_bytes()
        if damage == "truncate":
            data = data[: len(data) // 2]
        elif damage == "flip":
            data = data[:-10] + bytes([data[-10] ^ 0x20]) + data[-9:]
        elif damage == "garbage":
            data = _MAGIC + os.urandom(100)
        elif damage == "sealed-garbage":  # a sound header and CRC around bytes that do not parse
            data = _sealed(os.urandom(100))
        elif damage == "sealed-prefix":  # ... around the first half of a sound payload
            data = _sealed(data[_HEAD_SIZE : (_HEAD_SIZE + len(data)) // 2])
        else:
            data = b""
        path.write_bytes(data)
    assert facts(Lexicon.from_dir(default_data_dir())) == first
    assert facts(Lexicon.from_dir(default_data_dir())) == first  # rewritten, read back


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
@pytest.mark.parametrize("where", ["file", "directory", "owner"])
def test_cache_others_could_write_is_not_read(cache: Path, where: str) -> None:
    """A cache file that someone else could have written is ignored, never parsed."""
    first = facts(Lexicon.from_dir(default_data_dir()))
    assert cache.stat().st_mode & 0o777 == 0o700
    files = list(cache.iterdir())
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in files)
    for path in files:  # well-formed files whose tables would break the lexicon if read
        path.write_bytes(b"")
    planted = {p: _planted(p) for p in files}
    for path, data in planted.items():
        path.write_bytes(data)
        if where == "file":
            path.chmod(0o666)
        elif where == "owner":
            os.chown(path, os.getuid() + 1, -1)
    if where == "directory":
        cache.chmod(0o777)
    if where == "owner" and os.getuid() != 0:
        pytest.skip("changing a file's owner needs root")
    assert facts(Lexicon.from_dir(default_data_dir())) == first
    for path, data in planted.items():
        if where == "directory":  # nothing is written where others could replace it
            assert path.read_bytes() == data
        else:  # replaced by the user's own private file
            st = path.stat()
            assert (st.st_uid, st.st_mode & 0o777) == (os.getuid(), 0o600)
            assert path.read_bytes() != data


def _planted(path: Path) -> bytes:
    """A sound cache file (header, CRC) holding the wrong table."""
    from genenorm._snapcache import _pack

    return _pack(["planted"])


def test_unwritable_cache_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))  # cannot be created
    lex = Lexicon.from_dir(default_data_dir())
    assert lex.gene(lex.lookup_fold("TP53")[0][0]).symbol == "TP53"
    assert list(tmp_path.iterdir()) == [blocker]


def test_lookup_switches_to_a_dict() -> None:
    keys = [f"k{i:05d}" for i in range(100)]
    lookup = Lookup(keys, list(range(100)))
    got = [lookup.get(f"k{i % 150:05d}") for i in range(Lookup.DICT_AFTER + 300)]
    assert got == [(i % 150) if i % 150 < 100 else None for i in range(Lookup.DICT_AFTER + 300)]
    assert list(lookup) == keys
    assert Lookup.load(lookup.dump()) is not None
    assert Lookup.load(([1], [])) is None


def test_packed_lookup() -> None:
    """A lookup stored packed reads back the same keys and values, strings or integers,
    by bisection and then as a dictionary."""
    for values in ([f"v{i}" for i in range(100)], list(range(100))):
        table = {f"k{i:05d}": v for i, v in enumerate(values)}
        lookup = Lookup.load_packed(Lookup.of(dict(table)).dump_packed())
        assert lookup is not None
        got = [lookup.get(f"k{i % 150:05d}") for i in range(Lookup.DICT_AFTER + 300)]
        assert got == [table.get(f"k{i % 150:05d}") for i in range(Lookup.DICT_AFTER + 300)]
        assert list(lookup) == sorted(table)
    assert Lookup.load_packed(Lookup.of({"a": "1"}).dump()) is None  # the unpacked form
    assert Lookup.load_packed(("str", ("a", b"", 4), ("b", b"", 4))) is None
    with pytest.raises(TypeError):
        Lookup.of({"a": "1", "b": 2}).dump_packed()


def test_rows_are_the_lines() -> None:
    lines = ["a\t1", "", "b\tzwei", "ç\t3"]
    rows = Rows.of(lines)
    assert len(rows) == 4
    assert list(rows) == lines
    assert [rows[i] for i in range(-4, 4)] == lines + lines
    assert rows[1:3] == lines[1:3]
    with pytest.raises(IndexError):
        rows[4]
    back = Rows.load(rows.dump())
    assert back is not None
    assert list(back) == lines
    assert Rows.load(("ab", b"\x01\x00\x00\x00", 4)) is None  # ends short of the text
    assert Rows.load(("ab", b"\x01", 4)) is None
    assert Rows.load(["ab"]) is None
    assert list(Rows.of([])) == []


def test_text_rows_are_the_lines() -> None:
    lines = ["a\t1", "", "b\tzwei", "ç\t3", "ω\t𝔸"]
    rows = TextRows.of(lines)
    assert len(rows) == 5
    assert list(rows) == lines
    assert [rows[i] for i in range(-5, 5)] == lines + lines
    assert rows[1:3] == lines[1:3]
    with pytest.raises(IndexError):
        rows[5]
    back = TextRows.load(rows.dump())
    assert back is not None
    assert list(back) == lines
    assert TextRows.load((b"ab", b"\x01\x00\x00\x00", 4)) is None  # ends short of the data
    assert TextRows.load((b"ab", b"\x01", 4)) is None
    assert TextRows.load(("ab", b"\x02\x00\x00\x00", 4)) is None  # text, not bytes
    assert TextRows.load(["ab"]) is None
    assert list(TextRows.of([])) == []


def test_sharded_tables(cache: Path) -> None:
    """A `Sharded` table reads only the shards it is asked for, and makes them all anew
    (from *build*) when a shard is missing."""
    from genenorm._snapcache import Sharded, ShardedLookup, ShardedRows

    lines = [f"row {i}\t{'é' * (i % 3)}" for i in range(2 * ShardedRows.SIZE + 5)]
    table = {f"{c}{i}": str(i) for c in "AB9(é" for i in range(10)}
    calls: list[str] = []

    def build_rows() -> dict[str, TextRows]:
        calls.append("rows")
        return ShardedRows.split(lines)

    def build_keys() -> dict[str, Lookup[str]]:
        calls.append("keys")
        return ShardedLookup.split(table)

    def made() -> tuple[ShardedRows, ShardedLookup[str]]:
        rows = ShardedRows(Sharded("k", "rows", build_rows, TextRows.load, TextRows.dump))
        keys = ShardedLookup(
            Sharded("k", "keys", build_keys, Lookup.load_packed, Lookup.dump_packed)
        )
        return rows, keys

    for _ in range(3):  # built, then read back from the cache
        rows, keys = made()
        assert len(rows) == len(lines)
        assert rows[ShardedRows.SIZE + 1] == lines[ShardedRows.SIZE + 1]
        assert rows[-1] == lines[-1]
        assert rows[3:6] == lines[3:6]
        with pytest.raises(IndexError):
            rows[len(lines)]
        assert list(rows) == lines
        assert [keys.get(k) for k in table] == list(table.values())
        assert keys.get("C1") is None
        assert keys.get("") is None
        assert keys.prefixed("A") == sorted(k for k in table if k.startswith("A"))
    assert calls == ["rows", "keys"]
    next(cache.glob("k-rows@1-*")).unlink()
    rows, keys = made()
    assert rows[0] == lines[0]  # shard 0 is still there
    assert calls == ["rows", "keys"]
    assert rows[ShardedRows.SIZE] == lines[ShardedRows.SIZE]  # shard 1 is made anew
    assert calls == ["rows", "keys", "rows"]
    assert list(made()[0]) == lines  # and stored again
    assert calls == ["rows", "keys", "rows"]


def test_lookup_prefixed_keys() -> None:
    table = {f"{p}{i}": str(i) for p in ("MIR", "MI", "MIRLET", "NMIR", "A") for i in range(30)}
    packed = Lookup.load_packed(Lookup.of(table).dump_packed())
    assert packed is not None
    want = sorted(k for k in table if k.startswith("MIR"))
    assert packed.prefixed("MIR") == want
    assert packed.prefixed("ZZZ") == []
    assert Lookup.of(table).prefixed("MIR") == [k for k in table if k.startswith("MIR")]


def test_byte_rows_bisect_like_the_list() -> None:
    lines = sorted(f"{w}\t{i}".encode() for i, w in enumerate(["tp53", "abc", "zz", "tp5", "é"]))
    rows = ByteRows(lines)
    assert [rows[i] for i in range(len(rows))] == lines
    assert rows[-1] == lines[-1]
    assert rows[::2] == lines[::2]
    for probe in [b"", b"abc\t", b"tp5\t", b"tp53\t", b"zzz", "é".encode()]:
        assert bisect.bisect_left(rows, probe) == bisect.bisect_left(lines, probe)


def _count_hashes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of the data files the lexicon hashes from now on, in order."""
    import genenorm.lexicon

    hashed: list[int] = []
    real_hash = genenorm.lexicon._hash

    def counting(raw: bytes) -> str:
        hashed.append(len(raw))
        return real_hash(raw)

    monkeypatch.setattr(genenorm.lexicon, "_hash", counting)
    return hashed


def _damage_keeping_times(path: Path) -> None:
    """Flip a byte in the middle of *path*, then put its access and modification times back
    (its size and those times the same: only the change time and the bytes tell)."""
    st = path.stat()
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_checked_files_trusted_until_changed(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data file that matched its SHA-256 is not hashed again while its fingerprint (size,
    times, inode) is unchanged; once written, even with its modification time put back, it
    is hashed again and refused when damaged."""
    import shutil

    import genenorm._snapcache
    from genenorm.exceptions import SnapshotError

    data = Path(shutil.copytree(default_data_dir(), tmp_path / "data"))
    expected = facts(Lexicon.from_dir(default_data_dir()))
    hashed = _count_hashes(monkeypatch)
    monkeypatch.setattr(genenorm._snapcache, "_SETTLED_NS", 10**18)
    Lexicon.from_dir(data)  # files changed "just now": hashed, not remembered
    Lexicon.from_dir(data)
    assert len(hashed) == 4
    monkeypatch.setattr(genenorm._snapcache, "_SETTLED_NS", 0)
    Lexicon.from_dir(data)  # hashed and remembered
    assert len(hashed) == 6
    first = facts(Lexicon.from_dir(data))  # trusted: hashes only the tables read on first use
    assert len(hashed) > 6
    assert (hgnc_hashes := hashed.count((data / "hgnc.tsv.gz").stat().st_size)) == 3
    assert first == expected
    path = data / "hgnc.tsv.gz"
    _damage_keeping_times(path)
    with pytest.raises(SnapshotError, match="checksum mismatch"):
        Lexicon.from_dir(data)
    assert hashed.count(path.stat().st_size) == hgnc_hashes + 1


def test_chemical_file_trusted_until_changed(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chemical table, whose bytes every run reads (its shards are decompressed from
    them), is not hashed while the cache trusts it; once written, even with its modification
    time put back, it is hashed again and refused when damaged."""
    import shutil

    import genenorm._snapcache
    from genenorm.exceptions import SnapshotError

    data = Path(shutil.copytree(default_data_dir(), tmp_path / "data"))
    path = data / "chemicals.tsv.gz"
    size = path.stat().st_size
    hashed = _count_hashes(monkeypatch)
    monkeypatch.setattr(genenorm._snapcache, "_SETTLED_NS", 0)
    expected = Lexicon.from_dir(default_data_dir()).chemical("glucose")
    assert expected is not None
    hashed.clear()
    assert Lexicon.from_dir(data).chemical("glucose") == expected  # hashed and remembered
    assert hashed.count(size) == 1
    assert Lexicon.from_dir(data).chemical("glucose") == expected  # trusted
    assert hashed.count(size) == 1
    _damage_keeping_times(path)
    with pytest.raises(SnapshotError, match="checksum mismatch"):
        Lexicon.from_dir(data).chemical("glucose")
    assert hashed.count(size) == 2


# ------------------------------------------------------------------------- the file format


def _sealed(payload: bytes, magic: bytes = _MAGIC, order: bytes = _ORDER) -> bytes:
    """A cache file with a sound header (length, CRC) around *payload*, whatever it is."""
    size, crc = len(payload).to_bytes(8, "little"), zlib.crc32(payload).to_bytes(4, "little")
    return magic + order + size + crc + payload


def _same(a: object, b: object) -> bool:
    """Equal, with the same types all the way down (a tuple is not a list)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        assert isinstance(b, (list, tuple))
        return len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict):
        assert isinstance(b, dict)
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    return a == b


#: Every kind of value the cache stores, as the tables' *dump* functions give them.
STORED: dict[str, object] = {
    "str": "TNF-α 𝔸",
    "str, lone surrogate": "a\ud800b",
    "str, empty": "",
    "bytes": bytes(range(256)),
    "int": 7157,
    "ints at the edges": [0, -1, 127, 128, -128, -129, 2**63, -(2**63) - 1, 2**2000],
    "lines (`lists`)": ["HGNC:5\tA1BG", "", "HGNC:11998\tTP53\tp53 é"],
    "lines, one empty": [""],
    "lines holding NUL": ["a\0b", "", "\0"],
    "list, empty": [],
    "tuple, empty": (),
    "Rows": Rows.of(["a\t1", "", "ç\t3"]).dump(),
    "TextRows": TextRows.of(["ω\t𝔸", "", "x"]).dump(),
    "Lookup of strings": Lookup.of({"TP53": "1", "A1BG": "2\n3"}).dump_packed(),
    "Lookup of integers": Lookup.of({"HGNC:5": 0, "HGNC:11998": 2**40}).dump_packed(),
    "Lookup, empty": Lookup.of({}).dump_packed(),
    "meanings": (Lookup.of({"a": "x"}).dump_packed(), Lookup.of({"b": "y"}).dump_packed()),
    "Sharded index": _dump_sizes({"0": 4096, "1": 4096, "12": 5}),
    "checked records": {"/data/hgnc.tsv.gz": (1, 2, 3, 4, 5), "/x": (0, -1, 0, 2**64, 7)},
    "organisms": (b"blob", b"\0" * 8, ["e. coli", "yeast"], b"\1" * 12, b"", b"", [], b"", 4),
}


@pytest.mark.parametrize("name", list(STORED))
def test_format_round_trip(name: str) -> None:
    value = STORED[name]
    data = _pack(value)
    assert data.startswith(b"GNSC2")
    assert _same(_unpack(data), value)


@pytest.mark.parametrize("name", list(STORED))
def test_format_round_trip_through_the_cache(name: str, cache: Path) -> None:
    """`cached` builds a table once, writes it as a private file and reads it back."""
    value = STORED[name]
    built: list[object] = []

    def build() -> object:
        built.append(value)
        return value

    for _ in range(3):
        got = cached("key", "table", build, lambda stored: stored)
        assert _same(got, value)
    assert len(built) == 1
    path = _path(cache, "key", "table")
    assert path.name == "key-table-gnsc2.bin"
    assert path.stat().st_mode & 0o777 == 0o600
    assert _same(_unpack(path.read_bytes()), value)


def _values() -> st.SearchStrategy[object]:
    scalars = st.one_of(st.text(), st.binary(), st.integers())
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=5),
            st.lists(inner, max_size=5).map(tuple),
            st.lists(st.text(), max_size=5),
            st.dictionaries(st.text(), inner, max_size=5),
        ),
        max_leaves=20,
    )


@settings(max_examples=300, deadline=None)
@given(_values())
def test_format_round_trip_of_any_value(value: object) -> None:
    assert _same(_unpack(_pack(value)), value)


def test_format_truncated_and_bit_flipped_files_are_refused() -> None:
    """Every prefix of a cache file, and the file with any one bit flipped, is refused
    (also with its header made sound again, which the CRC would otherwise catch)."""
    data = _pack(STORED["organisms"])
    payload = data[_HEAD_SIZE:]
    for n in range(len(data)):
        assert _unpack(data[:n]) is None
    for n in range(len(payload)):
        assert _unpack(_sealed(payload[:n])) is None
    for bit in range(8 * len(data)):
        flipped = bytearray(data)
        flipped[bit // 8] ^= 1 << bit % 8
        assert _unpack(bytes(flipped)) is None
    assert _unpack(data + b"\0") is None
    assert _unpack(_sealed(payload + b"\0")) is None  # trailing bytes after the value


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"Z\0\0\0\0",  # unknown tag
        b"s",  # no length
        b"s\x05\0\0\0ab",  # shorter than its length
        b"s\x02\0\0\0\xff\xfe",  # not UTF-8
        b"i",
        b"i\x00",  # an integer of no bytes
        b"i\x05\x01",
        b"S\x03\0\0\0\x03\0\0\0a\0b",  # three strings said, two found
        b"S\x01\0\0\0\xff\xff\xff\xffa",
        b"S\x01\0\0\0\x02\0\0\0\xc3\x28",
        b"l\xff\xff\xff\xff",  # four billion items said, none there
        b"t\x02\0\0\0i\x01\x01",
        b"d\x01\0\0\0i\x01\x01i\x01\x01",  # a key that is not a string
        b"d\x01\0\0\0l\0\0\0\0i\x01\x01",  # an unhashable key
        b"d\x01\0\0\0s\x01\0\0\0a",  # a key without a value
        b"i\x01\x01i\x01\x02",  # two values
        b"l\x01\0\0\0" * 9 + b"i\x01\x00",  # nested too deep
        b"l\x01\0\0\0" * 100_000,
    ],
)
def test_format_malformed_payloads_are_refused(payload: bytes) -> None:
    assert _unpack(_sealed(payload)) is None


def test_format_random_payloads_never_raise() -> None:
    """Bytes that start like values but go on at random parse or are refused, and never
    raise or take long."""
    rng = random.Random(7)
    sound = [_pack(v)[_HEAD_SIZE:] for v in STORED.values()]
    for _ in range(3000):
        head = rng.choice([*sound, b"l\x03\0\0\0", b"d\x02\0\0\0", b"S\x02\0\0\0"])
        cut = rng.randrange(len(head) + 1)
        tail = rng.randbytes(rng.randrange(40))
        _unpack(_sealed(head[:cut] + tail))


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=200))
def test_format_any_bytes_are_refused_or_parsed(data: bytes) -> None:
    _unpack(data)
    _unpack(_sealed(data))


def test_format_wrong_version_or_byte_order_is_refused() -> None:
    import marshal

    value = STORED["Lookup of strings"]
    payload = _pack(value)[_HEAD_SIZE:]
    assert _same(_unpack(_sealed(payload)), value)
    assert _unpack(_sealed(payload, magic=b"GNSC3")) is None
    assert _unpack(_sealed(payload, magic=b"GNSC1")) is None
    assert _unpack(_sealed(payload, order=b">" if _ORDER == b"<" else b"<")) is None
    old = marshal.dumps(value)  # a file of the previous format: marshal, magic GNSC1
    assert _unpack(b"GNSC1" + zlib.crc32(old).to_bytes(4, "little") + old) is None


def test_sharded_index_round_trip() -> None:
    sizes = {"0": 4096, "1": 4096, "12": 5}
    assert _sizes(_unpack(_pack(_dump_sizes(sizes)))) == sizes
    assert _sizes(_unpack(_pack(_dump_sizes({})))) == {}
    names, raw = _dump_sizes(sizes)
    assert _sizes((names, raw[:-1])) is None  # sizes short of the names
    assert _sizes((["0", "0", "1"], raw)) is None  # a name twice
    assert _sizes(([0, 1, 2], raw)) is None
    assert _sizes([("0", 4096)]) is None  # the index of format 1


def test_format_refuses_what_it_cannot_store() -> None:
    for value in [{1, 2}, 1.5, True, None, {1: "a"}, [[[[[[[[[[1]]]]]]]]]], 2**2100, ["a", 1.5]]:
        with pytest.raises((TypeError, ValueError)):
            _pack(value)


def test_foreign_old_and_malformed_files_are_misses_and_rebuilt(cache: Path) -> None:
    """A file in a table's place that is not a sound cache file of this version (the
    previous, marshal format included) is a miss: the table is built and the file
    rewritten, then read."""
    import marshal

    value = STORED["Lookup of strings"]
    old = marshal.dumps(value)
    payload = _pack(value)[_HEAD_SIZE:]
    gzipped = (default_data_dir() / "hgnc.tsv.gz").read_bytes()[:300]
    foreign = {
        "marshal, previous format": b"GNSC1" + zlib.crc32(old).to_bytes(4, "little") + old,
        "next version": _sealed(payload, magic=b"GNSC3"),
        "gzip": gzipped,
        "text": b"query\tstatus\nTP53\tapproved\n",
        "empty": b"",
        "sealed garbage": _sealed(b"l\x03\0\0\0s\x01\0\0\0"),
        "the wrong table": _pack(["planted"]),
    }
    built: list[object] = []

    def build() -> object:
        built.append(value)
        return value

    def load(stored: object) -> object:
        return stored if _same(stored, value) else None

    cached("key", "t", build, load)  # makes the directory, privately
    path = _path(cache, "key", "t")
    for data in foreign.values():
        path.write_bytes(data)
        built.clear()
        assert _same(cached("key", "t", build, load), value)
        assert len(built) == 1  # a miss: built
        assert _same(_unpack(path.read_bytes()), value)  # and rewritten
        assert _same(cached("key", "t", build, load), value)
        assert len(built) == 1  # then read


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_fifo_in_the_cache_is_a_miss(cache: Path) -> None:
    """A FIFO in a table's place is not waited on: the table is built and stored instead."""
    import threading

    value = STORED["lines (`lists`)"]
    cached("key", "fine", lambda: [1], lambda stored: stored)  # makes the directory
    path = _path(cache, "key", "t")
    os.mkfifo(path, 0o600)
    got: list[object] = []
    thread = threading.Thread(
        target=lambda: got.append(cached("key", "t", lambda: value, lambda stored: stored)),
        daemon=True,
    )
    thread.start()
    thread.join(30)
    if thread.is_alive():  # pragma: no cover - unblock the reader before failing
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("waited on a FIFO")
    assert got == [value]
    assert _same(_unpack(path.read_bytes()), value)  # replaced by a sound file


def test_unstorable_table_is_not_cached(cache: Path) -> None:
    """A table the format cannot hold is built every time, and no file is left."""
    assert cached("key", "fine", lambda: [1], lambda stored: stored) == [1]
    built: list[object] = []
    for value in [{1, 2}, [1.5], {"a": True}]:

        def build(value: object = value) -> object:
            built.append(value)
            return value

        assert cached("key", "odd", build, lambda stored: stored) == value
        assert cached("key", "odd", build, lambda stored: stored) == value
    assert len(built) == 6
    assert sorted(p.name for p in cache.iterdir()) == ["key-fine-gnsc2.bin"]


def test_cli_with_malformed_cache_answers_without_traceback(tmp_path: Path) -> None:
    """A fresh ``genenorm resolve`` over a cache of sound headers around bytes that do not
    parse answers as without a cache, and rewrites the cache."""
    cache = tmp_path / "cache"
    env = {**os.environ, CACHE_ENV: str(cache)}
    command = [sys.executable, "-m", "genenorm", "resolve", "TP53"]
    first = subprocess.run(command, capture_output=True, env=env, check=True)
    files = list(cache.iterdir())
    assert files
    for i, path in enumerate(files):
        path.write_bytes(_sealed(bytes([b"lSdts"[i % 5]]) + os.urandom(64)))
    again = subprocess.run(command, capture_output=True, env=env, check=False)
    assert (again.returncode, again.stdout) == (0, first.stdout)
    assert b"Traceback" not in again.stderr
    assert any(_unpack(p.read_bytes()) is not None for p in files)


def test_checked_records_drop_files_that_are_gone(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The trust records of a cache key keep the files that still exist, the newest at most
    `_CHECKED_RECORDS`; a file that is gone (a removed checkout) is forgotten."""
    import genenorm._snapcache as snapcache

    monkeypatch.setattr(snapcache, "_SETTLED_NS", 0)
    files = []
    for i in range(snapcache._CHECKED_RECORDS + 5):
        f = tmp_path / f"data{i}.tsv.gz"
        f.write_bytes(b"x")
        files.append(f)
        snapcache.remember_checked("k", str(f), f.stat())
    records = snapcache._checked_records(cache, "k")
    assert list(records) == [str(f) for f in files[-snapcache._CHECKED_RECORDS :]]
    assert snapcache.trusted("k", str(files[-1]), files[-1].stat())
    files[-1].unlink()
    snapcache.remember_checked("k", str(files[-2]), files[-2].stat())
    records = snapcache._checked_records(cache, "k")
    assert str(files[-1]) not in records
    assert list(records)[-1] == str(files[-2])
