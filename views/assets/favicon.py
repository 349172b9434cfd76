"""Draws views/assets/favicon.ico: a white speech bubble on a rounded square in the portal's
default primary colour (#1f4e79), 32x32, antialiased, as an ICO holding one PNG.
Python standard library only: `python3 views/assets/favicon.py` rewrites the file."""
import pathlib
import struct, zlib

N = 32
SS = 4  # supersamples per axis
BLUE = (0x1f, 0x4e, 0x79)

def in_rounded_rect(x, y, x0, y0, x1, y1, r):
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return x0 <= x <= x1 and y0 <= y <= y1 and (x - cx) ** 2 + (y - cy) ** 2 <= r * r

def in_bubble(x, y):
    # a rounded body and a tail down to the lower left
    if in_rounded_rect(x, y, 7.0, 8.0, 25.0, 21.0, 4.0):
        return True
    # tail: triangle (11, 20), (16, 20), (10, 26)
    if 20.0 <= y <= 26.0:
        t = (y - 20.0) / 6.0
        left = 11.0 - t * 1.0
        right = 16.0 - t * 6.0
        return left <= x <= right
    return False

rows = []
for py in range(N):
    row = bytearray([0])  # filter: none
    for px in range(N):
        sq = white = 0
        for sy in range(SS):
            for sx in range(SS):
                x = px + (sx + 0.5) / SS
                y = py + (sy + 0.5) / SS
                if in_rounded_rect(x, y, 1.0, 1.0, 31.0, 31.0, 6.0):
                    sq += 1
                    if in_bubble(x, y):
                        white += 1
        total = SS * SS
        if sq == 0:
            row += bytes([0, 0, 0, 0])
            continue
        w = white / sq  # share of white within the square's coverage
        rgb = [round(c * (1 - w) + 255 * w) for c in BLUE]
        row += bytes(rgb + [round(255 * sq / total)])
    rows.append(bytes(row))

def chunk(kind, data):
    c = kind + data
    return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c) & 0xffffffff)

png = b"\x89PNG\r\n\x1a\n"
png += chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
png += chunk(b"IEND", b"")

# ICO: header, one directory entry, the PNG as the image (Vista+ and every current browser).
ico = struct.pack("<HHH", 0, 1, 1)
ico += struct.pack("<BBBBHHII", N, N, 0, 0, 1, 32, len(png), 6 + 16)
ico += png
pathlib.Path(__file__).with_name("favicon.ico").write_bytes(ico)
