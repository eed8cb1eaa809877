import type { ReactNode } from 'react';

interface Props {
  /** The input's id; its hint gets `${id}-hint`, for aria-describedby. */
  id: string;
  label: string;
  hint?: ReactNode;
  children: ReactNode;
}

/** A labelled input with an optional hint under it. */
export function Field({ id, label, hint, children }: Props) {
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="muted hint">
          {hint}
        </p>
      )}
    </div>
  );
}
