// What a file is, from its first bytes: a spreadsheet we read (text or XLSX), or something to name in the
// error ("it looks like a PDF"). The extension is only a hint: content wins.

export type Sniffed = { kind: 'text' } | { kind: 'xlsx' } | { kind: 'other'; looksLike: string };

function startsWith(head: Uint8Array, ...bytes: number[]): boolean {
  return bytes.every((b, i) => head[i] === b);
}

function ascii(head: Uint8Array, length = 4096): string {
  return Buffer.from(head.subarray(0, length)).toString('latin1');
}

/** The kind of ZIP archive: an XLSX workbook, or another Office or OpenDocument file. */
function zipKind(head: Uint8Array): Sniffed {
  const names = ascii(head, head.length);
  if (names.includes('xl/')) return { kind: 'xlsx' };
  if (names.includes('word/')) return { kind: 'other', looksLike: 'a Word document' };
  if (names.includes('ppt/')) return { kind: 'other', looksLike: 'a PowerPoint presentation' };
  if (names.includes('application/vnd.oasis.opendocument.spreadsheet')) {
    return { kind: 'other', looksLike: 'an OpenDocument spreadsheet (.ods)' };
  }
  if (names.includes('application/vnd.oasis.opendocument')) {
    return { kind: 'other', looksLike: 'an OpenDocument file' };
  }
  // The workbook's parts may come later in the archive: let the XLSX reader decide.
  return names.includes('[Content_Types].xml')
    ? { kind: 'xlsx' }
    : { kind: 'other', looksLike: 'a ZIP archive' };
}

/** True when the bytes hold NULs the way UTF-16 text does (every other byte). */
export function looksLikeUtf16(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = head.subarray(0, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2) oddZeros++;
    else evenZeros++;
  }
  const half = sample.length / 2;
  if (half < 2) return null;
  if (oddZeros > 0.3 * half && evenZeros < 0.05 * half) return 'utf-16le';
  if (evenZeros > 0.3 * half && oddZeros < 0.05 * half) return 'utf-16be';
  return null;
}

export function sniff(head: Uint8Array): Sniffed {
  if (startsWith(head, 0x50, 0x4b, 0x03, 0x04)) return zipKind(head);
  if (startsWith(head, 0x25, 0x50, 0x44, 0x46)) return { kind: 'other', looksLike: 'a PDF' };
  if (startsWith(head, 0xd0, 0xcf, 0x11, 0xe0)) {
    return { kind: 'other', looksLike: 'an old Excel (.xls) or Word (.doc) file' };
  }
  if (startsWith(head, 0x89, 0x50, 0x4e, 0x47)) return { kind: 'other', looksLike: 'a PNG image' };
  if (startsWith(head, 0xff, 0xd8, 0xff)) return { kind: 'other', looksLike: 'a JPEG image' };
  if (startsWith(head, 0x47, 0x49, 0x46, 0x38)) return { kind: 'other', looksLike: 'a GIF image' };
  if (startsWith(head, 0x1f, 0x8b)) return { kind: 'other', looksLike: 'a compressed (gzip) file' };
  if (startsWith(head, 0x52, 0x61, 0x72, 0x21)) return { kind: 'other', looksLike: 'a RAR archive' };
  if (startsWith(head, 0x37, 0x7a, 0xbc, 0xaf)) return { kind: 'other', looksLike: 'a 7-Zip archive' };
  const bom = startsWith(head, 0xff, 0xfe) || startsWith(head, 0xfe, 0xff);
  if (!bom && !looksLikeUtf16(head) && head.subarray(0, 4096).includes(0)) {
    return { kind: 'other', looksLike: 'a binary file, not text' };
  }
  return { kind: 'text' };
}
