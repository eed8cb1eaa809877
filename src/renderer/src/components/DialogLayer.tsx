import { createContext, useMemo, useState } from 'react';

/** Where dialogs are drawn (outside the parts of the app they make inert), and how they say they are open. */
export interface DialogLayer {
  host: HTMLElement | null;
  /** A dialog opened; the returned function closes it. */
  open(): () => void;
}

export const DialogLayerContext = createContext<DialogLayer | null>(null);

/** The layer for the app to provide, and whether a dialog is open (the rest of the app is then inert). */
export function useDialogLayerHost() {
  const [host, setHost] = useState<HTMLDivElement | null>(null);
  const [openCount, setOpenCount] = useState(0);
  const layer = useMemo<DialogLayer>(
    () => ({
      host,
      open() {
        setOpenCount((n) => n + 1);
        return () => setOpenCount((n) => n - 1);
      },
    }),
    [host],
  );
  return { layer, setHost, inert: openCount > 0 };
}
