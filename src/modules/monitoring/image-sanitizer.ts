/**
 * Uploaded photos and evidence: the type is told by the content (magic bytes and a walk of the
 * file's structure), never by the name or the declared type, and everything that may carry
 * metadata (EXIF with the place and the camera, XMP, comments, text chunks, thumbnails,
 * trailing bytes) is dropped, keeping only what the picture needs to be drawn. Pure: bytes in,
 * bytes out.
 */

export type ImageType = 'jpeg' | 'png';

export interface CleanImage {
  type: ImageType;
  data: Buffer;
}

export const IMAGE_MIME: Record<ImageType, string> = { jpeg: 'image/jpeg', png: 'image/png' };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The image's type by its first bytes, or null when it is neither a JPEG nor a PNG. */
export function sniffImage(data: Buffer): ImageType | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) {
    return 'jpeg';
  }
  if (data.length >= 8 && data.subarray(0, 8).equals(PNG_SIGNATURE)) {
    return 'png';
  }
  return null;
}

/** The picture without its metadata, or null when it is not a well-formed JPEG or PNG. */
export function sanitizeImage(data: Buffer): CleanImage | null {
  switch (sniffImage(data)) {
    case 'jpeg': {
      const clean = stripJpeg(data);
      return clean ? { type: 'jpeg', data: clean } : null;
    }
    case 'png': {
      const clean = stripPng(data);
      return clean ? { type: 'png', data: clean } : null;
    }
    case null:
      return null;
  }
}

/** PNG chunks kept: the critical ones and those that change how the pixels look. */
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT']);

function stripPng(data: Buffer): Buffer | null {
  const parts: Buffer[] = [PNG_SIGNATURE];
  let at = 8;
  let first = true;
  while (at + 12 <= data.length) {
    const length = data.readUInt32BE(at);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > data.length) {
      return null;
    }
    const type = data.toString('latin1', at + 4, at + 8);
    if (
      !/^[A-Za-z]{4}$/.test(type) ||
      crc32(data.subarray(at + 4, at + 8 + length)) !== data.readUInt32BE(at + 8 + length)
    ) {
      return null;
    }
    if (first && type !== 'IHDR') {
      return null;
    }
    first = false;
    if (PNG_KEEP.has(type)) {
      parts.push(data.subarray(at, end));
    }
    if (type === 'IEND') {
      // Whatever follows the end is not the picture's.
      return Buffer.concat(parts);
    }
    at = end;
  }
  return null;
}

/** APPn segments kept: JFIF (APP0), an ICC colour profile (APP2), Adobe's colour transform (APP14). */
function keepJpegSegment(marker: number, body: Buffer): boolean {
  if (marker === 0xfe) {
    return false; // COM: a comment
  }
  if (marker < 0xe0 || marker > 0xef) {
    return true;
  }
  if (marker === 0xe0) {
    return body.subarray(0, 5).toString('latin1') === 'JFIF\0';
  }
  if (marker === 0xe2) {
    return body.subarray(0, 12).toString('latin1') === 'ICC_PROFILE\0';
  }
  return marker === 0xee && body.subarray(0, 5).toString('latin1') === 'Adobe';
}

function stripJpeg(data: Buffer): Buffer | null {
  const parts: Buffer[] = [data.subarray(0, 2)];
  let at = 2;
  let frame = false;
  let scan = false;
  while (at < data.length) {
    if (data[at] !== 0xff) {
      return null;
    }
    // Fill bytes (0xFF) may precede a marker.
    while (at < data.length && data[at] === 0xff) {
      at++;
    }
    if (at >= data.length) {
      return null;
    }
    const marker = data[at];
    const start = at - 1;
    at++;
    if (marker === 0xd9) {
      parts.push(Buffer.from([0xff, 0xd9]));
      return frame && scan ? Buffer.concat(parts) : null;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      parts.push(data.subarray(start, at));
      continue;
    }
    if (marker === 0xd8 || marker === 0x00 || at + 2 > data.length) {
      return null;
    }
    const length = data.readUInt16BE(at);
    if (length < 2 || at + length > data.length) {
      return null;
    }
    const body = data.subarray(at + 2, at + length);
    const segmentEnd = at + length;
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      frame = true;
    }
    if (keepJpegSegment(marker, body)) {
      parts.push(data.subarray(start, segmentEnd));
    }
    at = segmentEnd;
    if (marker === 0xda) {
      scan = true;
      // The entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart.
      let end = at;
      while (end + 1 < data.length) {
        if (
          data[end] === 0xff &&
          data[end + 1] !== 0x00 &&
          !(data[end + 1] >= 0xd0 && data[end + 1] <= 0xd7) &&
          data[end + 1] !== 0xff
        ) {
          break;
        }
        end++;
      }
      if (end + 1 >= data.length) {
        return null;
      }
      parts.push(data.subarray(at, end));
      at = end;
    }
  }
  return null;
}

const CRC_TABLE = ((): Uint32Array => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
})();

/** The CRC-32 PNG chunks carry (over the type and the data). */
export function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}
