"""Add the bytecode of the Pyodide it runs in to pure-Python wheels, as pip does at install.

Usage, inside Pyodide (``node run.mjs <package> bytecode.py --mount DIR -- OUT WHEEL...``)::

    bytecode.py OUT WHEEL...

Pyodide never writes bytecode (``sys.dont_write_bytecode`` is set: its file system lives
in memory and is gone with the page), so every ``import`` of a module unpacked from a
wheel compiles its source again, in every fresh page or notebook. Pyodide's own packages
ship compiled for that reason. This program writes, into OUT, each WHEEL with a
``__pycache__/<module>.<tag>.pyc`` beside every ``.py`` file, compiled by this runtime
(so the tag and the magic number are the runtime's own) and listed in the wheel's
``RECORD``. The bytecode is checked-hash based (PEP 552): the import system uses it only
if the source beside it hashes to the value it records, because unpacking does not keep
the source's modification time that the default kind of ``.pyc`` checks. The sources stay,
so tracebacks show them. Other Pythons ignore the ``.pyc`` files (another tag); the wheel
keeps its name and tags.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import importlib.util
import io
import pathlib
import py_compile
import sys
import tempfile
import zipfile


def _record_line(path: str, data: bytes) -> list[str]:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return [path, f"sha256={digest}", str(len(data))]


def _pyc_name(path: str) -> str:
    folder, _, name = path.rpartition("/")
    cached = importlib.util.cache_from_source(name)  # "__pycache__/x.cpython-314.pyc"
    return f"{folder}/{cached}" if folder else cached


def compiled(wheel: pathlib.Path, out: pathlib.Path) -> pathlib.Path:
    """Write *wheel* with its modules' bytecode added into the folder *out*; return it."""
    target = out / wheel.name
    with zipfile.ZipFile(wheel) as source, tempfile.TemporaryDirectory() as scratch:
        members = source.infolist()
        record = next(m.filename for m in members if m.filename.endswith(".dist-info/RECORD"))
        added: dict[str, bytes] = {}
        for member in members:
            if not member.filename.endswith(".py"):
                continue
            pyc = pathlib.Path(scratch) / "module.pyc"
            py = pathlib.Path(scratch) / "module.py"
            py.write_bytes(source.read(member))
            py_compile.compile(
                str(py),
                cfile=str(pyc),
                dfile=member.filename,
                doraise=True,
                invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH,
            )
            added[_pyc_name(member.filename)] = pyc.read_bytes()
        rows = list(csv.reader(io.StringIO(source.read(record).decode())))
        rows.extend(_record_line(path, data) for path, data in added.items())
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows(rows)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as sink:
            for member in members:
                if member.filename != record:
                    sink.writestr(member, source.read(member))
            for path, data in added.items():
                sink.writestr(path, data)
            sink.writestr(record, text.getvalue())
    return target


if __name__ == "__main__":
    folder, *wheels = sys.argv[1:]
    for wheel in wheels:
        sys.stdout.write(f"{compiled(pathlib.Path(wheel), pathlib.Path(folder))}\n")
