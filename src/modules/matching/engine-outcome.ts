import { JsonBytes, MatchRows, MatchStats } from '../../matching-engine';
import { PageToucher } from './page-toucher';

/** The unmatched reasons' codes, numbered in this order in `EngineOutcome.unmatched.code`. */
const REASON_CODES = ['no_eligible_slot', 'outranked'] as const;

/**
 * Rows' texts, UTF-8, in chunks of shared memory: chunk k holds rows first[k] to
 * first[k + 1] - 1, and row i's text is from start[i] to end[i] of its chunk. Rows of one chunk
 * with the same shared text (a reason the engine gives many students) read the same bytes.
 * Shared, the chunks reach the writer's thread neither copied nor moved; a few of them rather
 * than a million strings to clone, and no string of them all (V8 caps a string at about 2^29
 * characters; a national round's reasons alone are about 2^28).
 */
export interface TextColumn {
  chunks: Uint8Array[];
  first: number[];
  start: Int32Array;
  end: Int32Array;
}

/**
 * Bytes a TextColumn's chunk has room for (a longer row gets a chunk of its own). A chunk's
 * pages never written cost nothing, and fresh memory is slow to touch on a virtual machine
 * (~3 ms a MB on the development machine): written once, never grown by copying.
 */
export const CHUNK_BYTES = 1 << 26;

/**
 * The engine's result as the round's writer reads it, made where the engine ran: ids as the
 * database's numbers, each explanation and reason already the JSON text its row stores. Every
 * part is a typed array, moved out of the engine's thread rather than copied: a million result
 * objects are cloned one by one, which cost more than the matching itself.
 */
export interface EngineOutcome {
  stats: MatchStats;
  proposals: {
    student: Float64Array;
    slot: Float64Array;
    score: Float64Array;
    /** NaN where the engine gave no rank */
    rank: Float64Array;
    explanation: TextColumn;
  };
  unmatched: {
    student: Float64Array;
    /** the slot the reason names (first choice, or closest slot), NaN for none */
    slot: Float64Array;
    code: Uint8Array;
    reason: TextColumn;
  };
}

/**
 * From this many rows on, `outcomeOf` has the texts' pages touched on a thread of its own
 * (PageToucher): at ~200 bytes a row, about a chunk's worth; below it the thread would not pay
 * for its start.
 */
export const TOUCHED_FROM_ROWS = 300_000;

/** The writer's columns of a result, each row's text written as its JSON's bytes. */
export function outcomeOf(
  rows: MatchRows,
  chunkBytes = CHUNK_BYTES,
  touchedFromRows = TOUCHED_FROM_ROWS,
): EngineOutcome {
  const n = rows.assignmentCount;
  const m = rows.unmatchedCount;
  const toucher = n + m >= touchedFromRows ? new PageToucher() : null;
  try {
    return columnsOf(rows, new TextChunks(chunkBytes, toucher, rows.takeSpare()));
  } finally {
    toucher?.close();
  }
}

function columnsOf(rows: MatchRows, chunks: TextChunks): EngineOutcome {
  const columns = rows.columns();
  const n = rows.assignmentCount;
  const explanation = new TextWriter(n, chunks);
  for (let i = 0; i < n; i++) {
    explanation.begin();
    rows.writeExplanation(i, explanation);
    explanation.end();
  }
  // Finished before the reasons begin: they go on in the rest of its last chunk.
  const explained = explanation.finish();
  const m = rows.unmatchedCount;
  const { student, slot, outranked } = columns.unmatched;
  const code = new Uint8Array(m);
  const codeOf = [REASON_CODES.indexOf('no_eligible_slot'), REASON_CODES.indexOf('outranked')];
  const reason = new TextWriter(m, chunks, rows.sharedReasonCount);
  for (let i = 0; i < m; i++) {
    code[i] = codeOf[outranked[i]];
    // A reason rows share (no_eligible_slot reasons: at national scale ~160,000 distinct ones
    // among ~460,000 rows) has its text made and written once a chunk.
    const shared = rows.sharedReason(i);
    if (shared >= 0 && reason.reuse(shared)) continue;
    reason.begin();
    rows.writeReason(i, reason);
    reason.end(shared);
  }
  return {
    stats: rows.stats,
    proposals: { ...columns.assignments, explanation: explained },
    unmatched: { student, slot, code, reason: reason.finish() },
  };
}

/** The buffers to move with an outcome (postMessage's transfer list). */
export function outcomeTransferables(outcome: EngineOutcome): ArrayBuffer[] {
  const { proposals: p, unmatched: u } = outcome;
  // The texts' chunks are shared memory: they go with the message as they are.
  return [
    p.student,
    p.slot,
    p.score,
    p.rank,
    p.explanation.start,
    p.explanation.end,
    u.student,
    u.slot,
    u.code,
    u.reason.start,
    u.reason.end,
  ].map((array) => array.buffer as ArrayBuffer);
}

export function reasonCode(outcome: EngineOutcome, i: number): string {
  return REASON_CODES[outcome.unmatched.code[i]];
}

/** Row i's text. */
export function textAt(column: TextColumn, i: number): string {
  const { chunks, first, start, end } = column;
  let k = chunks.length - 1;
  while (first[k] > i) k--;
  const bytes = chunks[k];
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
    'utf8',
    start[i],
    end[i],
  );
}

/** Bytes a toucher keeps committed ahead of the writer (see TextChunks). */
const TOUCH_WINDOW = 8 << 20;

/**
 * The chunks of an outcome's texts, `bytes` long (or as long as a row needs), for its writers one
 * after the other, each going on in the rest of the chunk the one before finished in. The match's
 * spare memory (`MatchRows.takeSpare`: committed already, and shared)
 * is cut into chunks and taken first: the texts of a national round then grow the peak by a
 * fraction of their ~340 MB. With a toucher, the pages of fresh chunks up to TOUCH_WINDOW past the
 * writer are committed on the toucher's thread, and near a chunk's end the next chunk is made and
 * its first pages committed: the writer finds its pages ready, and no more than a window or two
 * is committed and left unwritten.
 */
export class TextChunks {
  private current: Uint8Array | null = null;
  /** where the writer's view of the current chunk starts in it */
  private base = 0;
  /** where the last writer left the current chunk (`leave`), -1 where none did */
  private restFrom = -1;
  private ready: Uint8Array | null = null;
  /** the current chunk's pages are being committed up to here */
  private touchedTo = 0;
  /** spare memory's chunks not taken yet, in order */
  private readonly spare: Uint8Array[] = [];

  constructor(
    readonly bytes: number,
    private readonly toucher: PageToucher | null = null,
    spare: Uint8Array[] = [],
  ) {
    for (const region of spare) {
      for (let at = 0; at < region.length; at += bytes) {
        this.spare.push(region.subarray(at, Math.min(region.length, at + bytes)));
      }
    }
  }

  /**
   * A chunk of at least `least` bytes, the current one from now on: where a writer left the
   * current chunk (`leave`) and its rest has room, that rest.
   */
  take(least: number): Uint8Array {
    const from = this.restFrom;
    this.restFrom = -1;
    if (this.current !== null && from >= 0 && this.current.length - from >= Math.max(least, 1)) {
      this.base = from;
      return this.current.subarray(from);
    }
    this.base = 0;
    // Spare memory first (its pages are committed: nothing to touch); a piece too short for the
    // row is passed over.
    while (this.spare.length > 0) {
      const piece = this.spare.shift()!;
      if (piece.length < least) continue;
      this.current = piece;
      this.touchedTo = piece.length;
      return piece;
    }
    let chunk = this.ready;
    this.ready = null;
    if (chunk !== null && chunk.length >= least) {
      // made ahead: its first window is being committed already
      this.touchedTo = Math.min(TOUCH_WINDOW, chunk.length);
    } else {
      chunk = new Uint8Array(new SharedArrayBuffer(Math.max(this.bytes, least)));
      this.touchedTo = 0;
    }
    this.current = chunk;
    this.advance(0);
    return chunk;
  }

  /** A writer is done at `at` of the chunk it took last: the next writer may go on there. */
  leave(at: number): void {
    this.restFrom = this.base + at;
  }

  /** The writer is at `written` of the chunk it took: the pages ahead of it are committed. */
  advance(written: number): void {
    const { toucher, current } = this;
    const at = this.base + written;
    if (toucher === null || current === null || at + TOUCH_WINDOW / 2 < this.touchedTo) return;
    if (this.touchedTo < current.length) {
      const to = Math.min(current.length, this.touchedTo + TOUCH_WINDOW);
      toucher.touch(current, this.touchedTo, to);
      this.touchedTo = to;
    } else if (this.ready === null && this.spare.length === 0) {
      this.ready = new Uint8Array(new SharedArrayBuffer(this.bytes));
      toucher.touch(this.ready, 0, Math.min(TOUCH_WINDOW, this.bytes));
    }
  }
}

/**
 * Writes a TextColumn a row at a time: `begin`, the row's JSON through JsonBytes' methods, `end`.
 * Fresh memory is dear (a chunk's pages are touched as they are written: ~3 ms a MB on the
 * development machine), so a shared text is written once a chunk and its later rows read the
 * same bytes (`reuse`).
 */
export class TextWriter extends JsonBytes {
  private readonly chunks: Uint8Array[] = [];
  private readonly first: number[] = [];
  /** where the row being written starts in the current chunk */
  private from = 0;
  private row = 0;
  /** per row, where its text starts and ends in its chunk */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** per shared text, the last row it was written for */
  private readonly sharedRow: Int32Array;

  constructor(
    rows: number,
    private readonly source: TextChunks,
    /** how many texts rows share (`reuse`) */
    shared = 0,
  ) {
    super();
    this.starts = new Int32Array(rows);
    this.ends = new Int32Array(rows);
    this.sharedRow = new Int32Array(shared).fill(-1);
  }

  /** Starts the next row's text (in the current chunk, where it has room left). */
  begin(): void {
    this.from = this.at;
    if (this.chunks.length === 0 || this.at >= this.source.bytes) this.room(0);
    else this.source.advance(this.at);
  }

  /** Ends the row begun; a row with shared text k (0 to `shared` - 1) leaves it for `reuse`. */
  end(shared = -1): void {
    this.starts[this.row] = this.from;
    this.ends[this.row] = this.at;
    if (shared >= 0) this.sharedRow[shared] = this.row;
    this.row++;
  }

  /**
   * The next row as shared text k when that was written in the current chunk (the row then
   * reads those bytes); false when it must be written.
   */
  reuse(k: number): boolean {
    const row = this.sharedRow[k];
    if (row < 0 || row < this.first[this.first.length - 1]) return false;
    this.starts[this.row] = this.starts[row];
    this.ends[this.row++] = this.ends[row];
    return true;
  }

  /**
   * A new chunk, the row begun carried into it: a row past the chunk's size starts the next one
   * (which holds it whole, however long). Never grown by copying: pages never written cost nothing.
   */
  protected room(n: number): void {
    const sofar = this.at - this.from;
    const chunk = this.source.take(2 * (sofar + n));
    chunk.set(this.buf.subarray(this.from, this.at));
    // A chunk the row began alone (one made for it) is replaced, not left empty.
    if (
      this.from === 0 &&
      this.chunks.length > 0 &&
      this.first[this.first.length - 1] === this.row
    ) {
      this.chunks.pop();
      this.first.pop();
    }
    this.chunks.push(chunk);
    this.first.push(this.row);
    this.buf = chunk;
    this.from = 0;
    this.at = sofar;
  }

  /** The column written; the chunks' source may give the rest of its last chunk to another. */
  finish(): TextColumn {
    const last = this.chunks.length - 1;
    if (last >= 0) this.source.leave(this.at);
    // The last chunk as long as what was written in it (the rest of its room was never touched).
    const chunks = this.chunks.map((chunk, k) => (k === last ? chunk.subarray(0, this.at) : chunk));
    return { chunks, first: this.first, start: this.starts, end: this.ends };
  }
}
