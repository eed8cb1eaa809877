// Where an import's bytes come from: a file on disk (the desktop app, the CLI), or bytes already in memory
// (a file the browser read). Readers open it as a stream, possibly twice (an encoding restart).
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

export interface ImportSource {
  /** Opens the bytes from the start. */
  open(): Readable;
}

const CHUNK = 256 * 1024;

export function fileSource(path: string): ImportSource {
  return { open: () => createReadStream(path, { highWaterMark: CHUNK }) };
}

export function bytesSource(bytes: Uint8Array): ImportSource {
  return {
    open: () =>
      Readable.from(
        (function* chunks() {
          for (let start = 0; start < bytes.length; start += CHUNK) {
            yield Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.min(CHUNK, bytes.length - start));
          }
        })(),
      ),
  };
}
