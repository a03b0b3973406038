// Wraps bytes in a valid zstd frame made of raw (stored) blocks: what the network's artifacts look like on the
// wire (they start with the zstd magic 28 b5 2f fd) without needing a compressor in Node 20. Any zstd decoder
// reads it back.
const MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
/** Frame header descriptor: no content size, no checksum, no dictionary; a window descriptor follows. */
const FRAME_HEADER_DESCRIPTOR = 0x00;
/** Window of 2^17 bytes (exponent 7): enough for the largest block. */
const WINDOW_DESCRIPTOR = 7 << 3;
const MAX_BLOCK_BYTES = 128 * 1024;

export function zstdRawFrame(content: Uint8Array): Buffer {
  const blocks = Math.max(1, Math.ceil(content.length / MAX_BLOCK_BYTES));
  const out = Buffer.alloc(MAGIC.length + 2 + blocks * 3 + content.length);
  out.set(MAGIC, 0);
  out[4] = FRAME_HEADER_DESCRIPTOR;
  out[5] = WINDOW_DESCRIPTOR;
  let at = 6;
  for (let block = 0; block < blocks; block++) {
    const chunk = content.subarray(block * MAX_BLOCK_BYTES, (block + 1) * MAX_BLOCK_BYTES);
    const last = block === blocks - 1 ? 1 : 0;
    // Block header, 3 bytes little-endian: last-block bit, block type 0 (raw) in bits 1–2, size in bits 3–23.
    out.writeUIntLE(last | (chunk.length << 3), at, 3);
    at += 3;
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
