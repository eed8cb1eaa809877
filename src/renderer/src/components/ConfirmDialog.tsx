import { useId, useRef, type ReactNode } from 'react';
import { Dialog } from './Dialog';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The action cannot be undone (a delete): the button says so by its colour. */
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A question before an action that costs or removes something: its answer, or Cancel. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  busy,
  error,
  onConfirm,
  onCancel,
}: Props) {
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      closeButton={false}
      describedBy={`${id}-text`}
      // A destructive answer is never the one Enter presses by chance.
      initialFocus={danger ? cancel : confirm}
      className="choice-dialog"
    >
      <div className="dialog-body">
        <div id={`${id}-text`}>{children}</div>
        {error && (
          <div role="alert" className="alert alert-error">
            {error}
          </div>
        )}
        <div className="review-buttons">
          <button
            ref={confirm}
            type="button"
            className={danger ? 'danger' : 'primary'}
            disabled={busy}
            onClick={onConfirm}
          >
            {confirmLabel}
          </button>
          <button ref={cancel} type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </Dialog>
  );
}
