"""A decompression bomb for tests: a tiny, valid-looking PNG whose header claims width × height.

Every service must refuse it from the header alone, before decoding (IMAGE_TOO_LARGE), so the
few compressed rows behind the header are enough.
"""

from __future__ import annotations

import struct
import zlib


def png_claiming(width: int, height: int) -> bytes:
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
