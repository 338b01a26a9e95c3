"""A smaller ICU data library for the Linux bundle: English only, 32 MB down to about 5 MB.

Qt's Linux libraries (the PySide6 wheel) link ICU 73, whose data library `libicudata.so.73`
carries every locale of CLDR (collation, currency, language and unit names in 800 locales),
legacy character-set converters and the Thai/Chinese/Khmer word-break dictionaries: 32 MB.
Qt uses ICU for collation, case mapping and legacy codecs; Daybook is in British English and
reads and writes UTF-8 only. This keeps every item that is not a locale's (the Unicode tables,
normalisation, the root collation, time-zone and plural rules, `res_index`, `pool`) and the
English locales (root, en, en_GB and the other en_*) and the single-byte converters
(windows-1252, ISO-8859-*), drops the multi-byte converters and the word-break dictionaries (Qt
breaks text itself), and links the result into a library of the same name and symbol. A locale that is missing falls back
to root, which is what ICU does for any locale it does not know.

Windows and macOS bundles have no ICU of their own (Qt uses the system's there).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

_LOCALE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]*)*\.res$")
_DATA_LIBRARY = re.compile(r"^libicudata\.so\.(\d+)$")


BIG_CONVERTER = 20_000  # bytes: the multi-byte (East Asian, EBCDIC DBCS) character sets


def keep_item(name: str, size: int) -> bool:
    """Whether an item of the common data (e.g. "icudt73l/coll/fr.res", `size` bytes) stays."""
    base = name.rsplit("/", 1)[-1]
    if base.endswith(".dict") or (base.endswith(".cnv") and size > BIG_CONVERTER):
        return False
    if base == "res_index.res":
        return True
    locale = _LOCALE.match(base)
    return locale is None or locale.group(1) == "en"


def find_symbol(lib: bytes, symbol: str) -> bytes:
    """The bytes of a data symbol of a little-endian ELF64 shared library (its .dynsym)."""
    if lib[:4] != b"\x7fELF" or lib[4] != 2 or lib[5] != 1:
        raise ValueError("not a little-endian 64-bit ELF file")
    (shoff,) = struct.unpack_from("<Q", lib, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", lib, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", lib, shoff + i * shentsize) for i in range(shnum)]
    for _, sh_type, _, _, offset, size, link, _, _, entsize in sections:
        if sh_type != 11:  # SHT_DYNSYM
            continue
        strtab = sections[link][4]
        for pos in range(offset, offset + size, entsize):
            st_name, _, _, shndx, value, st_size = struct.unpack_from("<IBBHQQ", lib, pos)
            end = lib.index(b"\0", strtab + st_name)
            if lib[strtab + st_name : end].decode() == symbol and shndx:
                section = sections[shndx]
                start = section[4] + value - section[3]  # file offset of the symbol's address
                return lib[start : start + st_size]
    raise ValueError(f"{symbol} is not in the library")


def filter_common_data(data: bytes, keep=keep_item) -> bytes:  # type: ignore[no-untyped-def]
    """A new ICU common data package ("CmnD", offset table of contents) with only the items
    `keep` accepts, in the same (sorted) order, each aligned to 16 bytes as ICU requires."""
    (header_size,) = struct.unpack_from("<H", data, 0)
    if data[2:4] != b"\xda\x27" or data[12:16] != b"CmnD":
        raise ValueError("not ICU common data")
    toc = header_size
    (count,) = struct.unpack_from("<I", data, toc)
    entries = [struct.unpack_from("<II", data, toc + 4 + 8 * i) for i in range(count)]
    ends = [offset for _, offset in entries[1:]] + [len(data) - toc]
    items = []
    for (name_at, offset), end in zip(entries, ends, strict=True):
        name = data[toc + name_at : data.index(b"\0", toc + name_at)]
        if keep(name.decode("ascii"), end - offset):
            items.append((name, data[toc + offset : toc + end]))

    names = b""
    name_offsets = []
    table = 4 + 8 * len(items)
    for name, _ in items:
        name_offsets.append(table + len(names))
        names += name + b"\0"
    body = bytearray()
    position = table + len(names)
    data_offsets = []
    for _, item in items:
        pad = -(toc + position + len(body)) % 16
        body += b"\0" * pad
        data_offsets.append(position + len(body))
        body += item
    out = bytearray(data[:header_size])
    out += struct.pack("<I", len(items))
    for name_offset, data_offset in zip(name_offsets, data_offsets, strict=True):
        out += struct.pack("<II", name_offset, data_offset)
    return bytes(out + names + body)


def small_icu_library(lib: Path, workdir: Path) -> Path | None:
    """A trimmed copy of `lib` (libicudata.so.NN) built in `workdir`, or None when it cannot be
    made here (no C compiler): the bundle then keeps the full library."""
    match = _DATA_LIBRARY.match(lib.name)
    compiler = shutil.which("cc") or shutil.which("gcc")
    if match is None or compiler is None:
        return None
    symbol = f"icudt{match.group(1)}_dat"
    data = filter_common_data(find_symbol(lib.read_bytes(), symbol))
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "icudata.dat").write_bytes(data)
    (workdir / "icudata.S").write_text(
        f"""\t.section .rodata
\t.globl {symbol}
\t.type {symbol}, @object
\t.balign 16
{symbol}:
\t.incbin "icudata.dat"
\t.size {symbol}, . - {symbol}
\t.section .note.GNU-stack,"",@progbits
""",
        encoding="ascii",
    )
    out = workdir / lib.name
    subprocess.run(
        [compiler, "-shared", "-nostdlib", f"-Wl,-soname,{lib.name}", "-o", out.name, "icudata.S"],
        cwd=workdir,
        check=True,
    )
    return out
