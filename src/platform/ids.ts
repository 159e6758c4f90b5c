import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

/**
 * Row ids: UUIDv7 made in application code (PostgreSQL 15 has no uuidv7()). The uuid library lays out the bytes; the
 * randomness comes from a pool filled 4 KiB at a time (one system call per 256 ids instead of one per id: bulk imports
 * make a million ids), and the time/sequence state is kept here as the library keeps it for its own calls, so ids made
 * in the same millisecond still sort in the order they were made.
 */
const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let used = POOL_BYTES;
const state = { msecs: Number.NEGATIVE_INFINITY, seq: 0 };

function randomBytes16(): Uint8Array {
  if (used + 16 > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = pool.subarray(used, used + 16);
  used += 16;
  return bytes;
}

export function newId(): string {
  const random = randomBytes16();
  const now = Date.now();
  if (now > state.msecs) {
    // A fresh random sequence each millisecond (31 bits: room to count up within it), as uuid's v7 does.
    const [b6 = 0, b7 = 0, b8 = 0, b9 = 0] = random.subarray(6, 10);
    state.seq = ((b6 & 0x7f) << 24) | (b7 << 16) | (b8 << 8) | b9;
    state.msecs = now;
  } else {
    state.seq = (state.seq + 1) | 0;
    if (state.seq === 0) state.msecs++;
  }
  return v7({ random, msecs: state.msecs, seq: state.seq });
}
