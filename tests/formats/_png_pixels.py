"""A small PNG reader for tests (standard library only): size, and pixels of 8-bit images.

Enough for what resvg writes (8-bit RGBA, any row filter); pure Python, so keep the
images small when reading pixels.
"""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # grey, RGB, grey+alpha, RGBA


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, body) of every chunk, each CRC checked."""
    assert data[:8] == SIGNATURE, "not a PNG"
    out, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r}"
        out.append((kind, body))
        pos += 12 + length
    assert out[0][0] == b"IHDR" and out[-1][0] == b"IEND"
    return out


def size(data: bytes) -> tuple[int, int]:
    """Width and height of the PNG ``data``."""
    width, height = struct.unpack(">II", chunks(data)[0][1][:8])
    return width, height


class Pixels:
    """The decoded image: ``grey(x, y)`` is the luminance 0–255 over white."""

    def __init__(self, data: bytes) -> None:
        parts = chunks(data)
        width, height, depth, colour = struct.unpack(">IIBB", parts[0][1][:10])
        assert depth == 8 and colour in _CHANNELS, (depth, colour)
        self.width, self.height, self.bpp = width, height, _CHANNELS[colour]
        raw = zlib.decompress(b"".join(body for kind, body in parts if kind == b"IDAT"))
        stride, bpp = width * self.bpp, self.bpp
        rows: list[bytearray] = []
        prev = bytearray(stride)
        at = 0
        for _ in range(height):
            kind, line = raw[at], bytearray(raw[at + 1 : at + 1 + stride])
            at += 1 + stride
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                if kind == 1:
                    line[i] = (line[i] + a) & 255
                elif kind == 2:
                    line[i] = (line[i] + b) & 255
                elif kind == 3:
                    line[i] = (line[i] + (a + b) // 2) & 255
                elif kind == 4:
                    c = prev[i - bpp] if i >= bpp else 0
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[i] = (
                        line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)
                    ) & 255
            rows.append(line)
            prev = line
        self.rows = rows

    def grey(self, x: int, y: int) -> int:
        """Luminance of the pixel at (x, y), composited over white."""
        at = x * self.bpp
        px = self.rows[y][at : at + self.bpp]
        if self.bpp in (1, 2):
            value, alpha = px[0], px[1] if self.bpp == 2 else 255
        else:
            value = (299 * px[0] + 587 * px[1] + 114 * px[2]) // 1000
            alpha = px[3] if self.bpp == 4 else 255
        return (value * alpha + 255 * (255 - alpha)) // 255

    def dark(self, left: float, top: float, right: float, bottom: float, below: int = 128) -> int:
        """How many pixels of the rectangle (pixel coordinates) are darker than ``below``."""
        return sum(
            1
            for y in range(int(top), int(bottom))
            for x in range(int(left), int(right))
            if self.grey(x, y) < below
        )
