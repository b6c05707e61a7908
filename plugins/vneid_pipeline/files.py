"""Writing published files so that a reader sees the old file or the new one, never part of one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

UTF8_BOM = b"\xef\xbb\xbf"


def write_atomically(target: Path, fill: Callable[[str], None]) -> None:
    """Fill a temporary file in the target's folder with fill(temporary_path), then rename it over the target.

    On any failure the temporary file is removed and an earlier target is left as it was."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        fill(temporary)
        os.chmod(temporary, 0o644)  # mkstemp creates 0600; published files are meant to be read by others
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def text_with_bom(chunks: Iterable[bytes]) -> Callable[[str], None]:
    """A published text file (CSV, HTML): a UTF-8 BOM, so that Excel reads the diacritics, then the chunks."""
    def fill(path: str) -> None:
        with open(path, "wb") as out:
            out.write(UTF8_BOM)
            for chunk in chunks:
                out.write(chunk)

    return fill
