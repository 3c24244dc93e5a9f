/**
 * How much of its rows' bytes a reader has taken in so far, from 0 to 1 (the whole file for a
 * CSV, the sheet's stored bytes for an .xlsx): for an estimate of the rows.
 */
export interface ReadPosition {
  share: number;
}

const CHUNK_BYTES = 64 * 1024;

/** The bytes from `from` on, in 64 KB chunks, counted into `position` as a reader takes them. */
export function* fileChunks(
  content: Buffer,
  from: number,
  position: ReadPosition,
): Generator<Buffer> {
  for (let at = from; at < content.length; at += CHUNK_BYTES) {
    const chunk = content.subarray(at, at + CHUNK_BYTES);
    position.share = (at + chunk.length) / content.length;
    yield chunk;
  }
}
