// Which text encoding a CSV is in: a BOM says so (UTF-8, UTF-16 LE/BE); UTF-16 without one shows as NULs
// every other byte; otherwise UTF-8 when the bytes are valid UTF-8, else Windows-1252 (the Latin-1 that
// Excel on Windows writes). Node's TextDecoder does the decoding.
import { TextDecoder } from 'node:util';
import { looksLikeUtf16 } from './sniff';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export function detectEncoding(head: Uint8Array): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const utf16 = looksLikeUtf16(head);
  if (utf16) return utf16;
  try {
    // stream: a character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** A decoder for the encoding; UTF-8 is strict, so a file that turns out not to be UTF-8 is noticed. */
export function decoderFor(encoding: TextEncoding): TextDecoder {
  return new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
}
