import type { MatchRows, MatchStats } from '../../matching-engine';

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

/** The writer's columns of a result, its rows made into objects and texts one at a time. */
export function outcomeOf(rows: MatchRows, chunkBytes = CHUNK_BYTES): EngineOutcome {
  const n = rows.assignmentCount;
  const proposals = {
    student: new Float64Array(n),
    slot: new Float64Array(n),
    score: new Float64Array(n),
    rank: new Float64Array(n),
    explanation: new TextWriter(n, chunkBytes),
  };
  for (let i = 0; i < n; i++) {
    const a = rows.assignment(i);
    proposals.student[i] = Number(a.studentId);
    proposals.slot[i] = Number(a.slotId);
    proposals.score[i] = a.score;
    proposals.rank[i] = a.rank ?? NaN;
    proposals.explanation.add(JSON.stringify(a.explanation));
  }
  const m = rows.unmatchedCount;
  const left = {
    student: new Float64Array(m),
    slot: new Float64Array(m),
    code: new Uint8Array(m),
    reason: new TextWriter(m, chunkBytes, rows.sharedReasonCount),
  };
  for (let i = 0; i < m; i++) {
    const { studentId, reason } = rows.unmatched(i);
    left.student[i] = Number(studentId);
    left.code[i] = REASON_CODES.indexOf(reason.code);
    left.slot[i] =
      reason.code === 'outranked'
        ? Number(reason.slotId)
        : reason.closestSlotId
          ? Number(reason.closestSlotId)
          : NaN;
    // A reason rows share (no_eligible_slot reasons: at national scale ~160,000 distinct ones
    // among ~460,000 rows) has its text made and written once a chunk.
    const shared = rows.sharedReason(i);
    if (shared >= 0) left.reason.addShared(shared, reason);
    else left.reason.add(JSON.stringify(reason));
  }
  return {
    stats: rows.stats,
    proposals: { ...proposals, explanation: proposals.explanation.finish() },
    unmatched: { ...left, reason: left.reason.finish() },
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

/**
 * Writes a TextColumn a row at a time. Fresh memory is dear (a chunk's pages are touched as
 * they are written: ~3 ms a MB on the development machine), so a shared text is written once a
 * chunk and its later rows read the same bytes.
 */
export class TextWriter {
  private readonly chunks: Buffer<ArrayBufferLike>[] = [];
  private readonly first: number[] = [];
  private chunk: Buffer<ArrayBufferLike> = Buffer.alloc(0);
  private at = 0;
  private row = 0;
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  /** per shared text, the last row it was written for */
  private readonly sharedRow: Int32Array;

  constructor(
    rows: number,
    private readonly chunkBytes = CHUNK_BYTES,
    /** how many texts rows share (`addShared`) */
    shared = 0,
  ) {
    this.start = new Int32Array(rows);
    this.end = new Int32Array(rows);
    this.sharedRow = new Int32Array(shared).fill(-1);
  }

  add(text: string): void {
    // UTF-8 takes at most 3 bytes a UTF-16 unit. Past chunkBytes, a chunk takes no more rows
    // (one made for a longer row holds that row only).
    const most = 3 * text.length;
    if (this.row === 0 || this.at + most > this.chunkBytes) {
      this.chunk = Buffer.from(new SharedArrayBuffer(Math.max(most, this.chunkBytes)));
      this.chunks.push(this.chunk);
      this.first.push(this.row);
      this.at = 0;
    }
    this.start[this.row] = this.at;
    this.at += this.chunk.write(text, this.at);
    this.end[this.row++] = this.at;
  }

  /**
   * A row whose text is shared text k (0 to `shared` - 1), `value`'s JSON: written once in each
   * chunk, where the chunk's later rows with it read the same bytes.
   */
  addShared(k: number, value: object): void {
    const row = this.sharedRow[k];
    if (row < 0 || row < this.first[this.first.length - 1]) {
      this.add(JSON.stringify(value));
      this.sharedRow[k] = this.row - 1;
      return;
    }
    this.start[this.row] = this.start[row];
    this.end[this.row++] = this.end[row];
  }

  finish(): TextColumn {
    const last = this.chunks.length - 1;
    // The last chunk as long as what was written in it (the rest of its room was never touched).
    const chunks = this.chunks.map(
      (chunk, k) => new Uint8Array(chunk.buffer, 0, k === last ? this.at : chunk.length),
    );
    return { chunks, first: this.first, start: this.start, end: this.end };
  }
}
