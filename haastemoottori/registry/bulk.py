"""The bulk download of all companies (``/all_companies``): a zip holding a JSON array of company records
(the shape of parsing.py). Read as a stream: one record at a time from the zip member, never the whole
file (about 800,000 companies) in memory."""

from __future__ import annotations

import codecs
import json
import os
import shutil
import tempfile
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

CHUNK = 1 << 16


def iter_json_array(stream: IO[bytes]) -> Iterator[dict[str, Any]]:
    """The objects of a JSON array (or of a ``{"companies": [...]}`` document), decoded one by one."""
    decoder = json.JSONDecoder()
    text = codecs.getincrementaldecoder("utf-8")()  # a character split between two chunks stays whole
    buffer = ""
    pos = 0
    started = False
    eof = False

    def fill() -> bool:
        nonlocal buffer, pos, eof
        chunk = stream.read(CHUNK)
        if not chunk:
            eof = True
            return False
        buffer = buffer[pos:] + text.decode(chunk)
        pos = 0
        return True

    while True:
        while pos < len(buffer) and buffer[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(buffer):
            if not fill():
                return
            continue
        if not started:
            start = buffer.find("[", pos)
            if start < 0:
                if not fill():
                    raise ValueError("no JSON array in the file")
                continue
            pos, started = start + 1, True
            continue
        if buffer[pos] == "]":
            return
        try:
            obj, end = decoder.raw_decode(buffer, pos)
        except json.JSONDecodeError:
            if eof or not fill():
                raise ValueError("the JSON array ends in the middle of a record") from None
            continue
        pos = end
        if isinstance(obj, dict):
            yield obj


def open_records(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a zip (its first .json member) or of a plain .json file."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.lower().endswith(".json")] or archive.namelist()
            if not members:
                raise ValueError("the zip file is empty")
            with archive.open(members[0]) as stream:
                yield from iter_json_array(stream)
    else:
        with open(path, "rb") as stream:
            yield from iter_json_array(stream)


def download(url: str, *, timeout: float) -> Path:
    """Stream a URL to a temporary file (a zip needs seeking); the caller deletes it."""
    if not url.startswith(("http://", "https://")):
        raise ValueError("only http(s) URLs")
    fd, name = tempfile.mkstemp(suffix=".zip", prefix="trade-register-")
    with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
        shutil.copyfileobj(response, out, CHUNK)
    return Path(name)


def checkpoint_key(path: Path, origin: str) -> str:
    """The same file (by where it came from and its size) resumes; a new download of another size starts over."""
    return f"{origin}|{path.stat().st_size}"[:500]
