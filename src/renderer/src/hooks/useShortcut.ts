import { useEffect, useRef } from 'react';

/** Calls `action` on Ctrl+<key> (Cmd+<key> on macOS) anywhere in the window. */
export function useShortcut(key: string, action: () => void): void {
  // The latest action without re-subscribing on every render.
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key === key) {
        event.preventDefault();
        latest.current();
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [key]);
}
