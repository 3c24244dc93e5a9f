import { SCORE_SCALE } from './score';

const encoder = new TextEncoder();

/** A piece of JSON made once as UTF-8 bytes, for `JsonBytes.bytes` to write many times. */
export function rawPiece(json: string): Uint8Array {
  return encoder.encode(json);
}

const MINUS = 45;
const DOT = 46;
const ZERO = 48;
/** The decimal places of SCORE_SCALE. */
const PLACES = Math.round(Math.log10(SCORE_SCALE));

/**
 * JSON written as UTF-8 bytes straight into a buffer: the bytes `JSON.stringify` gives, without
 * the objects and strings between. The round's writer stores an explanation or a reason per
 * student as text (a national round ~1.5M of them): made as objects, stringified and then
 * encoded, they took most of the texts stage. A subclass owns the buffer (`room`).
 */
export abstract class JsonBytes {
  protected buf: Uint8Array = new Uint8Array(0);
  protected at = 0;

  /** Makes room for `n` more bytes at `at`, keeping what the current text has so far. */
  protected abstract room(n: number): void;

  /** Bytes as they are (a piece made by `rawPiece`), or those from..to of it. */
  bytes(piece: Uint8Array, from = 0, to = piece.length): void {
    const n = to - from;
    if (this.at + n > this.buf.length) this.room(n);
    const buf = this.buf;
    const at = this.at;
    if (n > 32) buf.set(from === 0 && to === piece.length ? piece : piece.subarray(from, to), at);
    else for (let k = 0; k < n; k++) buf[at + k] = piece[from + k];
    this.at = at + n;
  }

  /** A number's JSON, as `JSON.stringify` writes it. */
  number(x: number): void {
    if (Number.isSafeInteger(x)) this.digits(x, false);
    else this.json(x);
  }

  /**
   * The JSON of `micro / SCORE_SCALE` (a score or share in millionths, `micro` whole): the
   * decimal digits of micro with the point PLACES (6) in, as `JSON.stringify` writes that
   * number (the nearest double to a decimal of up to six places prints as that decimal).
   */
  micro(micro: number): void {
    if (Number.isSafeInteger(micro) && Math.abs(micro) < 1e15) this.digits(micro, true);
    else this.json(micro / SCORE_SCALE);
  }

  /** Any value's JSON, through `JSON.stringify` (for what is rare). */
  json(value: unknown): void {
    const text = JSON.stringify(value);
    // UTF-8 takes at most 3 bytes a UTF-16 unit.
    const most = 3 * text.length;
    if (this.at + most > this.buf.length) this.room(most);
    this.at += encoder.encodeInto(text, this.buf.subarray(this.at)).written;
  }

  /**
   * Whole number n (scaled: n / SCORE_SCALE) in decimal, shortest: no trailing zeros after the
   * point, nor a bare point.
   */
  private digits(n: number, scaled: boolean): void {
    if (this.at + 24 > this.buf.length) this.room(24);
    const buf = this.buf;
    let at = this.at;
    // -0 is written 0, as JSON.stringify does
    if (n < 0) {
      buf[at++] = MINUS;
      n = -n;
    }
    let whole = n;
    let part = 0;
    if (scaled) {
      whole = Math.floor(n / SCORE_SCALE);
      part = n - whole * SCORE_SCALE;
    }
    at = wholeDigits(buf, at, whole);
    if (part > 0) {
      // below SCORE_SCALE: an int32, divided as one (a double's `%` is a call to fmod)
      let p = part | 0;
      let last = PLACES;
      while (p % 10 === 0) {
        p = (p / 10) | 0;
        last--;
      }
      buf[at++] = DOT;
      int32Digits(buf, at, p, last);
      at += last;
    }
    this.at = at;
  }
}

/**
 * Whole number x (0 or more) in decimal into buf at `at`; returns where it ends. Below 2^31 in
 * int32 arithmetic (the usual case: ranks, counts, scores' whole parts), where V8 divides as
 * integers; above, in doubles.
 */
function wholeDigits(buf: Uint8Array, at: number, x: number): number {
  if (x <= 0x7fffffff) {
    let width = 1;
    for (let y = x | 0; y >= 10; y = (y / 10) | 0) width++;
    int32Digits(buf, at, x | 0, width);
    return at + width;
  }
  let width = 1;
  for (let y = x; y >= 10; y = Math.floor(y / 10)) width++;
  for (let k = width - 1, y = x; k >= 0; k--, y = Math.floor(y / 10)) {
    buf[at + k] = ZERO + (y % 10);
  }
  return at + width;
}

/** The last `width` decimal digits of int32 i (leading zeros included) into buf at `at`. */
function int32Digits(buf: Uint8Array, at: number, i: number, width: number): void {
  for (let k = width - 1; k >= 0; k--) {
    const q = (i / 10) | 0;
    buf[at + k] = ZERO + (i - q * 10);
    i = q;
  }
}

/**
 * The JSON strings of a list of strings (slot ids, unit codes), each made the first time it is
 * written and kept end to end in one buffer rather than as many small arrays.
 */
export class PieceTable {
  private bytes = new Uint8Array(1 << 12);
  private used = 0;
  private readonly from: Int32Array;
  private readonly to: Int32Array;

  constructor(private readonly strings: readonly string[]) {
    this.from = new Int32Array(strings.length).fill(-1);
    this.to = new Int32Array(strings.length);
  }

  /** String k's JSON; `inside`: as it reads inside a JSON string (without its quotes). */
  write(k: number, out: JsonBytes, inside = false): void {
    if (this.from[k] < 0) this.make(k);
    const trim = inside ? 1 : 0;
    out.bytes(this.bytes, this.from[k] + trim, this.to[k] - trim);
  }

  private make(k: number): void {
    const json = JSON.stringify(this.strings[k]);
    const most = 3 * json.length;
    if (this.used + most > this.bytes.length) {
      const bigger = new Uint8Array(2 * (this.used + most));
      bigger.set(this.bytes.subarray(0, this.used));
      this.bytes = bigger;
    }
    this.from[k] = this.used;
    this.used += encoder.encodeInto(json, this.bytes.subarray(this.used)).written;
    this.to[k] = this.used;
  }
}
