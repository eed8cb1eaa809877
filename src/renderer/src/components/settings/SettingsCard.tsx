import type { ReactNode } from 'react';

interface Props {
  /** The heading's id: the dialog scrolls to it and focuses it to open at this section. */
  headingId: string;
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}

/** One section of the Settings dialog: a titled card (a region named by its heading). */
export function SettingsCard({ headingId, title, intro, children }: Props) {
  return (
    <section className="card settings-card" aria-labelledby={headingId}>
      <h3 id={headingId} tabIndex={-1} className="card-title">
        {title}
      </h3>
      {intro && <div className="muted hint">{intro}</div>}
      {children}
    </section>
  );
}
