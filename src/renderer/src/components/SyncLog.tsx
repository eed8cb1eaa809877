import { useLayoutEffect, useRef } from 'react';
import { localLogLine } from '../format';

/** The last lines of the sync log in local time, newest at the bottom; it follows new lines unless scrolled up. */
export function SyncLog({ lines }: { lines: readonly string[] }) {
  const box = useRef<HTMLPreElement>(null);
  // Whether the view is at the bottom: someone reading older lines must not be yanked down.
  const pinned = useRef(true);

  useLayoutEffect(() => {
    if (box.current && pinned.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines]);

  return (
    <pre
      ref={box}
      role="log"
      aria-label="Sync log"
      // Focusable so the keyboard can scroll it.
      tabIndex={0}
      className="sync-log"
      onScroll={(event) => {
        const el = event.currentTarget;
        pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 8;
      }}
    >
      {lines.length > 0 ? (
        lines.map(localLogLine).join('\n')
      ) : (
        <span className="muted">No log lines yet.</span>
      )}
    </pre>
  );
}
