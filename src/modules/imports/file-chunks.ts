/** How much of the file a reader has taken in so far: for an estimate of its rows. */
export interface ReadPosition {
  bytes: number;
}

const CHUNK_BYTES = 64 * 1024;

/** The file from `from` on, in 64 KB chunks, counted into `position` as a reader takes them. */
export function* fileChunks(
  content: Buffer,
  from: number,
  position: ReadPosition,
): Generator<Buffer> {
  for (let at = from; at < content.length; at += CHUNK_BYTES) {
    const chunk = content.subarray(at, at + CHUNK_BYTES);
    position.bytes = at + chunk.length;
    yield chunk;
  }
}
