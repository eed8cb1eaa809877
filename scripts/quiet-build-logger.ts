// A Vite logger for the renderer build: Vite lists every file it writes, about 540 flag images here, which
// buries what matters. The file lines are folded into one count; warnings and errors pass untouched.
import { stripVTControlCharacters } from 'node:util';
import { createLogger, type Logger } from 'vite';

/** Vite's line for one written file: "out/renderer/assets/fr-1a2b3c.svg   1.84 kB" (maybe "│ gzip: …" after). */
const FILE_LINE = /^\S+\s+([\d,.]+) kB(?:\s|$)/;

function size(kilobytes: number): string {
  return kilobytes >= 1000 ? `${(kilobytes / 1000).toFixed(1)} MB` : `${kilobytes.toFixed(1)} kB`;
}

export function quietBuildLogger(base: Logger = createLogger()): Logger {
  let files = 0;
  let kilobytes = 0;
  return {
    ...base,
    // Vite hands the whole list over as one message; other lines may share it or follow in their own.
    info(message, options) {
      const kept: string[] = [];
      for (const line of message.split('\n')) {
        const plain = stripVTControlCharacters(line).trim();
        const file = FILE_LINE.exec(plain);
        if (file) {
          files++;
          kilobytes += Number(file[1]!.replace(/,/g, ''));
          continue;
        }
        if (files > 0) {
          if (plain === '') continue; // the blank line under the list
          kept.push(`${files} ${files === 1 ? 'file' : 'files'} written (${size(kilobytes)})`);
          files = 0;
          kilobytes = 0;
        }
        kept.push(line);
      }
      if (kept.length > 0) base.info(kept.join('\n'), options);
    },
    get hasWarned() {
      return base.hasWarned;
    },
  };
}
