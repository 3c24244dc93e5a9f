import { deflateSync } from 'node:zlib';
import { crc32, sanitizeImage, sniffImage } from './image-sanitizer';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A 1×1 grey PNG with a text chunk (metadata) and bytes after its end. */
export function pngWithText(): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from('Author\0Siti, Serang -6.12,106.15', 'latin1')),
    chunk('IDAT', deflateSync(Buffer.from([0, 128]))),
    chunk('IEND', Buffer.alloc(0)),
    Buffer.from('trailing secret'),
  ]);
}

/** A minimal JPEG's structure: SOI, APP0 JFIF, APP1 EXIF, COM, SOF0, SOS with data, EOI. */
export function jpegWithExif(): Buffer {
  const seg = (marker: number, body: Buffer): Buffer => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(body.length + 2, 2);
    return Buffer.concat([head, body]);
  };
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, Buffer.from('Exif\0\0GPS -6.12 106.15', 'latin1')),
    seg(0xfe, Buffer.from('a comment', 'latin1')),
    seg(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0])),
    seg(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, 0xff, 0x00, 0x34]),
    Buffer.from([0xff, 0xd9]),
    Buffer.from('trailing'),
  ]);
}

describe('image sanitizer', () => {
  it('tells the type by content, not by name', () => {
    expect(sniffImage(pngWithText())).toBe('png');
    expect(sniffImage(jpegWithExif())).toBe('jpeg');
    expect(sniffImage(Buffer.from('GIF89a...'))).toBeNull();
    expect(sniffImage(Buffer.from('%PDF-1.7'))).toBeNull();
  });

  it('drops a PNG’s text chunks and trailing bytes, keeping the picture', () => {
    const clean = sanitizeImage(pngWithText())!;
    expect(clean.type).toBe('png');
    expect(clean.data.includes(Buffer.from('Serang'))).toBe(false);
    expect(clean.data.includes(Buffer.from('trailing'))).toBe(false);
    expect(clean.data.includes(Buffer.from('IDAT'))).toBe(true);
    expect(sanitizeImage(clean.data)!.data.equals(clean.data)).toBe(true);
  });

  it('drops a JPEG’s EXIF and comments, keeping its frame and scan', () => {
    const clean = sanitizeImage(jpegWithExif())!;
    expect(clean.type).toBe('jpeg');
    expect(clean.data.includes(Buffer.from('Exif'))).toBe(false);
    expect(clean.data.includes(Buffer.from('a comment'))).toBe(false);
    expect(clean.data.includes(Buffer.from('JFIF'))).toBe(true);
    expect(clean.data.includes(Buffer.from([0x12, 0xff, 0x00, 0x34]))).toBe(true);
    expect(clean.data.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  });

  it('refuses a file that only starts like an image', () => {
    expect(sanitizeImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 40]))).toBeNull();
    const png = pngWithText();
    png[png.length - 30] ^= 0xff; // a corrupted CRC or data
    expect(sanitizeImage(png.subarray(0, 40))).toBeNull();
  });
});
