// Gets the pinned mongod into the app's download folder once, reporting the download's progress.
import { DryMongoBinary } from 'mongodb-memory-server-core';
// Not exported from the package's index; the package has no "exports" map, so the file is public.
import { MongoBinaryDownload } from 'mongodb-memory-server-core/lib/util/MongoBinaryDownload.js';

export interface DownloadTarget {
  version: string;
  downloadDir: string;
}

export interface ObtainedBinary {
  path: string;
  /** False when a binary was already there (downloaded before). */
  downloaded: boolean;
}

/**
 * The path of mongod `target.version`: found where mongodb-memory-server-core looks (first
 * `target.downloadDir`), else downloaded there (MD5-checked) and unpacked.
 *
 * The library has no progress callback: it only prints progress to stdout every 2 s. Its
 * MongoBinaryDownload keeps the counts in the public `dlProgress` field, so this creates the
 * downloader itself and polls that field, calling `onPercent(null)` when the download begins and
 * then `onPercent(0..100)` as the percentage grows (never backwards).
 */
export async function obtainMongodBinary(
  target: DownloadTarget,
  onPercent: (percent: number | null) => void,
  pollMs = 250,
): Promise<ObtainedBinary> {
  const options = await DryMongoBinary.generateOptions({
    version: target.version,
    downloadDir: target.downloadDir,
  });
  const existing = await DryMongoBinary.locateBinary(options);
  if (existing) return { path: existing, downloaded: false };

  onPercent(null);
  const downloader = new MongoBinaryDownload({ ...options, checkMD5: true });
  let shown = -1;
  const poll = (): void => {
    const { current, length } = downloader.dlProgress;
    if (length <= 0 || current <= 0) return;
    const percent = Math.min(100, Math.floor((current * 100) / length));
    if (percent > shown) {
      shown = percent;
      onPercent(percent);
    }
  };
  const timer = setInterval(poll, pollMs);
  let path: string;
  try {
    path = await downloader.getMongodPath();
  } finally {
    clearInterval(timer);
  }
  if (shown < 100) onPercent(100);
  return { path, downloaded: true };
}
