#!/usr/bin/env python3
"""Writes the seed corpora under Fuzz/corpus/<target>/ (Python 3 standard library only).

    python3 Fuzz/make-seeds.py

Seeds are named seed-*; files libFuzzer adds later (make fuzz FUZZ_UPDATE=1) are named by their
SHA-1 and are left alone. Re-running the script rewrites the seeds byte for byte.

  fuzz-jpeg           small baseline/progressive JPEGs that decode (single-code Huffman tables, every
                      block flat), plus JFIF/EXIF/Adobe header variants and a 12-bit SOF1 one
                      (valid, but 8-bit libjpeg builds do not decode it)
  fuzz-png            small PNGs of every colour type, bit depth, Adam7, pHYs/tRNS/ancillary chunks
  fuzz-zip-directory  zipfile-made archives (empty, stored, deflated, comment, Unicode path extra,
                      prepended stub) and a hand-made Zip64 one
  fuzz-csv            the catalogues under samples/ and a few hand-made edge cases
"""
import io
import os
import struct
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(HERE, "corpus")


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "seed-" + name), "wb") as f:
        f.write(data)


# ---------------------------------------------------------------- JPEG

def segment(marker, payload):
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def jfif(units=1, x=72, y=72):
    return segment(0xE0, b"JFIF\0" + bytes([1, 1, units]) + struct.pack(">HH", x, y) + b"\0\0")


def exif(orientation=None, dpi=None, unit=2, big_endian=False, thumbnail=b""):
    """APP1 with a TIFF IFD0 holding orientation / X,YResolution / ResolutionUnit."""
    e = ">" if big_endian else "<"
    entries = []  # (tag, type, count, value-bytes-or-offset-placeholder)
    if orientation is not None:
        entries.append((0x0112, 3, 1, struct.pack(e + "HH", orientation, 0)))
    if dpi is not None:
        entries.append((0x011A, 5, 1, None))
        entries.append((0x011B, 5, 1, None))
        entries.append((0x0128, 3, 1, struct.pack(e + "HH", unit, 0)))
    entries.sort(key=lambda t: t[0])
    ifd_size = 2 + 12 * len(entries) + 4
    data_at = 8 + ifd_size
    extra = b""
    ifd = struct.pack(e + "H", len(entries))
    for tag, typ, count, value in entries:
        if value is None:
            value = struct.pack(e + "I", data_at + len(extra))
            extra += struct.pack(e + "II", dpi, 1)
        ifd += struct.pack(e + "HHI", tag, typ, count) + value
    ifd += struct.pack(e + "I", 0)
    tiff = (b"MM" if big_endian else b"II") + struct.pack(e + "HI", 42, 8) + ifd + extra + thumbnail
    return segment(0xE1, b"Exif\0\0" + tiff)


def adobe(transform):
    return segment(0xEE, b"Adobe" + struct.pack(">HHHB", 100, 0, 0, transform))


def jpeg(width, height, components=1, progressive=False, precision=8, before=b"", comment=None):
    """A JPEG that decodes to a flat mid-grey image: 1×1 sampling, one quantisation table, and
    Huffman tables with a single 1-bit code (symbol 0), so each block is DC diff 0 + EOB = '0' '0'."""
    out = b"\xFF\xD8" + before
    if comment is not None:
        out += segment(0xFE, comment)
    out += segment(0xDB, bytes([0]) + bytes([1] * 64))
    sof = 0xC2 if progressive else (0xC1 if precision != 8 else 0xC0)
    ids = list(range(1, components + 1))
    out += segment(sof, struct.pack(">BHHB", precision, height, width, components)
                   + b"".join(bytes([i, 0x11, 0]) for i in ids))
    table = bytes([1] + [0] * 15) + b"\0"  # one code of length 1 for symbol 0x00
    out += segment(0xC4, b"\x00" + table + b"\x10" + table)
    blocks = ((width + 7) // 8) * ((height + 7) // 8) * components
    if progressive:  # a DC-first scan only (AC coefficients stay zero)
        out += segment(0xDA, bytes([components]) + b"".join(bytes([i, 0x00]) for i in ids) + bytes([0, 0, 0]))
        bits = blocks
    else:
        out += segment(0xDA, bytes([components]) + b"".join(bytes([i, 0x00]) for i in ids) + bytes([0, 63, 0]))
        bits = 2 * blocks
    scan = bytearray(b"\0" * (bits // 8))
    if bits % 8:
        scan.append((1 << (8 - bits % 8)) - 1)  # pad the last byte with 1-bits
    return out + bytes(scan) + b"\xFF\xD9"


def jpeg_seeds():
    t = "fuzz-jpeg"
    write(t, "gray-8x8.jpg", jpeg(8, 8))
    write(t, "gray-1x1-jfif-dpi.jpg", jpeg(1, 1, before=jfif(1, 300, 300)))
    write(t, "rgb-16x8-jfif-dpcm.jpg", jpeg(16, 8, 3, before=jfif(2, 118, 118)))
    write(t, "rgb-9x9-jfif-aspect.jpg", jpeg(9, 9, 3, before=jfif(0, 1, 1)))
    write(t, "rgb-exif-le-orient6.jpg", jpeg(16, 8, 3, before=exif(orientation=6, dpi=240)))
    write(t, "rgb-exif-be-orient3-cm.jpg", jpeg(8, 16, 3, before=exif(orientation=3, dpi=100, unit=3, big_endian=True)))
    thumb = jpeg(8, 8)
    write(t, "rgb-jfif-exif-thumbnail.jpg", jpeg(24, 16, 3, before=jfif(1, 96, 96) + exif(orientation=8, thumbnail=thumb)))
    write(t, "cmyk-adobe0.jpg", jpeg(8, 8, 4, before=adobe(0)))
    write(t, "ycck-adobe2.jpg", jpeg(8, 8, 4, before=adobe(2)))
    write(t, "rgb-adobe1.jpg", jpeg(8, 8, 3, before=adobe(1)))
    write(t, "gray-progressive.jpg", jpeg(16, 16, progressive=True, before=jfif()))
    write(t, "rgb-progressive-exif.jpg", jpeg(8, 8, 3, progressive=True, before=exif(orientation=1)))
    write(t, "gray-12bit.jpg", jpeg(8, 8, precision=12))
    write(t, "gray-comment-fill.jpg", jpeg(8, 8, comment=b"seed").replace(b"\xFF\xDB", b"\xFF\xFF\xFF\xDB", 1))
    write(t, "gray-trailing-pad.jpg", jpeg(8, 8) + b"\0\0\xFF")


# ---------------------------------------------------------------- PNG

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def png(width, height, color_type, depth, interlace=False, before_idat=(), idat_split=1, after_idat=()):
    """Pixels follow a simple pattern; each row uses filter 0."""
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color_type]
    bits_per_pixel = channels * depth
    maximum = (1 << depth) - 1 if color_type != 3 else min((1 << depth) - 1, 3)

    def sample(x, y, c):
        return (x * 7 + y * 13 + c * 5) % (maximum + 1)

    def rows(xs, ys):
        out = b""
        for y in ys:
            bits = 0
            nbits = 0
            row = bytearray()
            for x in xs:
                for c in range(channels):
                    bits = (bits << depth) | sample(x, y, c)
                    nbits += depth
                    while nbits >= 8:
                        nbits -= 8
                        row.append((bits >> nbits) & 0xFF)
            if nbits:
                row.append((bits << (8 - nbits)) & 0xFF)
            out += b"\0" + bytes(row)
        return out

    if interlace:
        raw = b""
        for x0, y0, dx, dy in ADAM7:
            xs, ys = range(x0, width, dx), range(y0, height, dy)
            if len(xs) and len(ys):
                raw += rows(xs, ys)
    else:
        raw = rows(range(width), range(height))
    assert bits_per_pixel
    data = zlib.compress(raw, 9)
    out = PNG_SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, int(interlace)))
    for c in before_idat:
        out += c
    step = max(1, -(-len(data) // idat_split))
    for i in range(0, len(data), step):
        out += chunk(b"IDAT", data[i:i + step])
    for c in after_idat:
        out += c
    return out + chunk(b"IEND", b"")


def phys(ppm_x, ppm_y, unit=1):
    return chunk(b"pHYs", struct.pack(">IIB", ppm_x, ppm_y, unit))


def png_seeds():
    t = "fuzz-png"
    plte4 = chunk(b"PLTE", bytes([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255]))
    write(t, "gray1-8x8.png", png(8, 8, 0, 1))
    write(t, "gray2-5x3.png", png(5, 3, 0, 2))
    write(t, "gray4-3x3-trns.png", png(3, 3, 0, 4, before_idat=[chunk(b"tRNS", b"\0\x05")]))
    write(t, "gray16-2x2-phys.png", png(2, 2, 0, 16, before_idat=[phys(11811, 11811)]))
    write(t, "rgb8-4x4-phys.png", png(4, 4, 2, 8, before_idat=[phys(2835, 2835)]))
    write(t, "rgb8-3x2-phys-nounit.png", png(3, 2, 2, 8, before_idat=[phys(1, 2, 0)]))
    write(t, "rgb16-2x2-trns.png", png(2, 2, 2, 16, before_idat=[chunk(b"tRNS", b"\0\1\0\2\0\3")]))
    write(t, "palette1-8x2.png", png(8, 2, 3, 1, before_idat=[plte4]))
    write(t, "palette2-4x4-trns.png", png(4, 4, 3, 2, before_idat=[plte4, chunk(b"tRNS", b"\0\x80")]))
    write(t, "palette8-3x3.png", png(3, 3, 3, 8, before_idat=[plte4]))
    write(t, "graya8-2x2.png", png(2, 2, 4, 8))
    write(t, "graya16-1x1.png", png(1, 1, 4, 16))
    write(t, "rgba8-3x3-ancillary.png", png(3, 3, 6, 8, before_idat=[
        chunk(b"gAMA", struct.pack(">I", 45455)), chunk(b"sRGB", b"\0"), chunk(b"tEXt", b"Comment\0seed"),
        phys(3780, 3780)], after_idat=[chunk(b"tEXt", b"Software\0make-seeds.py")]))
    write(t, "rgba16-1x1.png", png(1, 1, 6, 16))
    write(t, "rgb8-1x1-adam7.png", png(1, 1, 2, 8, interlace=True))
    write(t, "rgba8-9x9-adam7.png", png(9, 9, 6, 8, interlace=True))
    write(t, "gray1-10x3-adam7.png", png(10, 3, 0, 1, interlace=True))
    write(t, "rgb8-8x8-split-idat.png", png(8, 8, 2, 8, idat_split=3))


# ---------------------------------------------------------------- ZIP

FIXED = (2024, 5, 1, 12, 0, 0)


def zip_bytes(entries, comment=b"", prefix=b""):
    buffer = io.BytesIO()
    buffer.write(prefix)
    with zipfile.ZipFile(buffer, "a" if prefix else "w") as z:
        for name, data, method, extra in entries:
            info = zipfile.ZipInfo(name, FIXED)
            info.compress_type = method
            info.external_attr = (0o40755 << 16) | 0x10 if name.endswith("/") else 0o644 << 16
            info.extra = extra
            z.writestr(info, data)
        z.comment = comment
    return buffer.getvalue()


def unicode_path_extra(header_name, real_name):
    payload = b"\x01" + struct.pack("<I", zlib.crc32(header_name)) + real_name.encode()
    return struct.pack("<HH", 0x7075, len(payload)) + payload


def zip64_bytes(name=b"a.txt", data=b"hello zip64\n"):
    """One stored entry with every 32-bit field forced to 0xFFFFFFFF and the real values in the zip64
    extra field (0x0001), an EOCD64 record and its locator."""
    crc = zlib.crc32(data)
    local_extra = struct.pack("<HHQQ", 1, 16, len(data), len(data))
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 0, 0, 0x21, crc, 0xFFFFFFFF, 0xFFFFFFFF,
                        len(name), len(local_extra)) + name + local_extra + data
    central_extra = struct.pack("<HHQQQ", 1, 24, len(data), len(data), 0)
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x031E, 45, 0, 0, 0, 0x21, crc, 0xFFFFFFFF,
                          0xFFFFFFFF, len(name), len(central_extra), 0, 0, 0, 0o644 << 16, 0xFFFFFFFF)
    central += name + central_extra
    cd_offset = len(local)
    eocd64_offset = cd_offset + len(central)
    eocd64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, 1, 1, len(central), cd_offset)
    locator = struct.pack("<IIQI", 0x07064B50, 0, eocd64_offset, 1)
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    return local + central + eocd64 + locator + eocd


def zip_seeds():
    t = "fuzz-zip-directory"
    S, D = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED
    text = b"wallpaper roll 0.53 x 10.05\n" * 4
    write(t, "empty.zip", zip_bytes([]))
    write(t, "empty-with-comment.zip", zip_bytes([], comment=b"nothing here"))
    write(t, "one-stored.zip", zip_bytes([("a.jpg", b"\xFF\xD8\xFF\xD9", S, b"")]))
    write(t, "dirs-and-deflate.zip", zip_bytes([
        ("images/", b"", S, b""), ("images/a.jpg", text, D, b""), ("images/b.png", b"\x89PNG", S, b""),
        ("images/sub/c.jpg", text[:20], D, b"")], comment=b"catalogue images"))
    write(t, "utf8-names.zip", zip_bytes([("Обои/розы.jpg", text, D, b""), ("日本.png", b"x", S, b"")]))
    write(t, "unicode-path-extra.zip", zip_bytes([("rose?.jpg", text, S, unicode_path_extra(b"rose?.jpg", "rosé.jpg"))]))
    write(t, "empty-file-entry.zip", zip_bytes([("empty.txt", b"", S, b""), ("e2.txt", b"", D, b"")]))
    write(t, "prefixed-stub.zip", zip_bytes([("a.jpg", text, D, b"")], prefix=b"#!/bin/sh\nexit 0\n"))
    write(t, "zip64.zip", zip64_bytes())


# ---------------------------------------------------------------- CSV

def csv_seeds():
    t = "fuzz-csv"
    for folder in ("wallpaper", "flooring", "broken"):
        base = os.path.join(ROOT, "samples", folder)
        for name in sorted(os.listdir(base)):
            if name.endswith(".csv"):
                with open(os.path.join(base, name), "rb") as f:
                    write(t, folder + "-" + name, f.read())
    with open(os.path.join(ROOT, "samples", "wallpaper", "catalog.csv"), "rb") as f:
        lines = f.read().split(b"\n")
    header, rows = lines[0], [l for l in lines[1:3] if l]
    write(t, "crlf-bom.csv", b"\xEF\xBB\xBF" + b"\r\n".join([header] + rows) + b"\r\n")
    write(t, "sep-semicolon.csv", b"sep=;\n" + b"\n".join(l.replace(b",", b";") for l in [header] + rows) + b"\n")
    write(t, "tab-separated.csv", b"\n".join(l.replace(b",", b"\t") for l in [header] + rows))
    write(t, "quoted-newline.csv", header + b"\n" + rows[0].replace(b"Climbing roses", b"\"Climbing\nroses\"\"\"", 1) + b"\n")
    write(t, "formula-and-controls.csv", header + b"\n" + rows[0].replace(b"Wizart", b"=HYPERLINK(\"x\")", 1)
          .replace(b"roll", b"ro\x01ll", 1) + b"\n" + rows[1].replace(b"0.53", b"5,3E+01", 1) + b"\n")
    write(t, "invalid-utf8-cell.csv", header + b"\n" + rows[0].replace(b"Rose", b"Ros\xE9", 1) + b"\n")
    write(t, "one-column.csv", b"unique_sku_id\nwp_1\n")


if __name__ == "__main__":
    jpeg_seeds()
    png_seeds()
    zip_seeds()
    csv_seeds()
    for target in sorted(os.listdir(CORPUS)):
        folder = os.path.join(CORPUS, target)
        files = os.listdir(folder)
        print(f"{target}: {len(files)} files, {sum(os.path.getsize(os.path.join(folder, f)) for f in files)} bytes")
