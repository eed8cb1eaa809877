import { useContext, useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { DialogLayerContext } from './DialogLayer';

interface Props {
  title: string;
  /** Esc, the Close button (when shown), or the caller's own buttons. */
  onClose: () => void;
  children: ReactNode;
  /** A Close button in the header; a dialog that asks a question has its own answers instead. */
  closeButton?: boolean;
  /** The element that says what the dialog is about, for screen readers. */
  describedBy?: string;
  /** Takes the focus when the dialog opens; else the dialog itself does. */
  initialFocus?: RefObject<HTMLElement | null>;
  className?: string;
}

/**
 * A modal dialog: Esc closes it, focus moves in and back to where it was. It is drawn in the app's
 * dialog layer, and while it is open the rest of the app is inert, which keeps Tab inside.
 */
export function Dialog({
  title,
  onClose,
  children,
  closeButton = true,
  describedBy,
  initialFocus,
  className,
}: Props) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const layer = useContext(DialogLayerContext);
  const open = layer?.open;

  useEffect(() => open?.(), [open]);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    (initialFocus?.current ?? ref.current)?.focus();
    return () => opener?.focus();
    // Once, when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        onClose();
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  const dialog = (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        className={`dialog ${className ?? ''}`}
      >
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          {closeButton && (
            <button type="button" title="Close (Esc)" onClick={onClose}>
              Close
            </button>
          )}
        </header>
        {children}
      </div>
    </div>
  );
  return layer?.host ? createPortal(dialog, layer.host) : dialog;
}
