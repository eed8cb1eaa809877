// The app's colours for charts (styles.css variables, so light and dark follow the system) and the
// settings every chart shares.
import type { LeadStatus } from '@shared/contract';

export const COLOURS = {
  verified: 'var(--green)',
  toCheck: 'var(--amber)',
  rejected: 'var(--muted)',
  failed: 'var(--red)',
  synced: 'var(--accent)',
  bar: 'var(--accent)',
  grid: 'var(--border)',
  text: 'var(--muted)',
} as const;

export const STATUS_COLOUR: Record<LeadStatus, string> = {
  Verified: COLOURS.verified,
  'To Check': COLOURS.toCheck,
  Rejected: COLOURS.rejected,
};

export const TICK = { fill: COLOURS.text, fontSize: 11 } as const;

/** Charts draw at once: an animation would only delay the numbers (and every screenshot). */
export const NO_ANIMATION = { isAnimationActive: false } as const;

export const TOOLTIP = {
  contentStyle: {
    background: 'var(--surface)',
    border: '1px solid var(--border-strong)',
    borderRadius: 6,
    color: 'var(--text)',
    fontSize: 12,
  },
  cursor: { fill: 'var(--surface-2)' },
  isAnimationActive: false,
} as const;
