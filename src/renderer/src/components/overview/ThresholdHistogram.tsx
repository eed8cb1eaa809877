import { useId, useState } from 'react';
import { Bar, BarChart, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { OverviewView } from '@shared/contract';
import { thresholdMoves } from '@shared/overview';
import { formatNumber, plural } from '../../format';
import type { SettingsSave } from '../../hooks/useSaveSettings';
import { COLOURS, NO_ANIMATION, TICK, TOOLTIP } from './chartTheme';

/** The histogram's bars are bands of this many whole percents (the last one, 95–100, takes 100 too). */
export const BAND = 5;

/** The leads per band of whole percents, from the core's 101 bins. */
export function bands(all: readonly number[]) {
  const out: Array<{ minPct: number; maxPct: number; mid: number; leads: number }> = [];
  for (let min = 0; min < 100; min += BAND) {
    const max = min + BAND >= 100 ? 100 : min + BAND - 1;
    let leads = 0;
    for (let bin = min; bin <= max; bin++) leads += all[bin] ?? 0;
    out.push({ minPct: min, maxPct: max, mid: min + BAND / 2, leads });
  }
  return out;
}

// The plot's left edge (the y axis) and right margin, in pixels: the threshold's handle lines up with them.
const Y_AXIS_WIDTH = 40;
const RIGHT = 12;
const THUMB_RADIUS = 7;

interface Props {
  probability: OverviewView['probability'];
  /** The saved threshold, 0..1. */
  threshold: number;
  save: SettingsSave;
  onSelectBand: (minPct: number, maxPct: number) => void;
}

/**
 * Leads by their top probability, with the Verified threshold on it. Dragging the handle moves the
 * line and tells how many leads would change status; nothing is saved until the person says so.
 */
export function ThresholdHistogram({ probability, threshold, save, onSelectBand }: Props) {
  const id = useId();
  const saved = Math.round(threshold * 100);
  const [draft, setDraft] = useState<number | null>(null);
  const percent = draft ?? saved;
  const changed = draft !== null && draft !== saved;
  const moves = thresholdMoves(probability, percent);
  const data = bands(probability.all);

  async function onSave() {
    if (draft === null) return;
    if (await save.save({ verifiedThreshold: draft / 100 })) setDraft(null);
  }

  return (
    <div className="threshold-histogram">
      <div className="chart" data-testid="histogram">
        <ResponsiveContainer width="100%" height={170}>
          <BarChart data={data} margin={{ top: 14, right: RIGHT, bottom: 0, left: 0 }} barCategoryGap={1}>
            <XAxis
              type="number"
              dataKey="mid"
              domain={[0, 100]}
              ticks={[0, 20, 40, 60, 80, 100]}
              tickFormatter={(value: number) => `${value} %`}
              tick={TICK}
              stroke={COLOURS.grid}
            />
            <YAxis width={Y_AXIS_WIDTH} tick={TICK} allowDecimals={false} axisLine={false} tickLine={false} />
            <Tooltip
              {...TOOLTIP}
              labelFormatter={(_label, items) => {
                const band = items[0]?.payload as { minPct: number; maxPct: number } | undefined;
                return band ? `${band.minPct}–${band.maxPct} %` : '';
              }}
              formatter={(value) => [formatNumber(Number(value)), 'Leads']}
            />
            <Bar
              dataKey="leads"
              cursor="pointer"
              onClick={(bar) => {
                const band = bar.payload as { minPct: number; maxPct: number };
                onSelectBand(band.minPct, band.maxPct);
              }}
              {...NO_ANIMATION}
            >
              {data.map((band) => (
                <Cell
                  key={band.minPct}
                  fill={
                    band.minPct >= percent
                      ? COLOURS.verified
                      : band.maxPct < percent
                        ? COLOURS.toCheck
                        : COLOURS.bar
                  }
                />
              ))}
            </Bar>
            <ReferenceLine
              x={percent}
              stroke="var(--text)"
              strokeWidth={2}
              strokeDasharray={changed ? '4 3' : undefined}
              label={{ value: `${percent} %`, position: 'top', fill: 'var(--text)', fontSize: 11 }}
            />
          </BarChart>
        </ResponsiveContainer>
        <input
          id={`${id}-threshold`}
          type="range"
          className="threshold-handle"
          style={{ left: Y_AXIS_WIDTH - THUMB_RADIUS, right: RIGHT - THUMB_RADIUS }}
          min={0}
          max={100}
          step={1}
          value={percent}
          aria-label="Verified threshold"
          aria-valuetext={`${percent} %`}
          onChange={(event) => setDraft(Number(event.target.value))}
        />
      </div>
      <div className="threshold-preview" aria-live="polite">
        {changed ? (
          <p>
            At <strong>{percent} %</strong>:{' '}
            {moves.toToCheck + moves.toVerified === 0
              ? 'no lead would change status.'
              : `${plural(moves.toToCheck, 'Verified lead')} would become To Check, ${plural(moves.toVerified, 'To Check lead')} would become Verified.`}{' '}
            <span className="muted">
              Saved, it classifies new and refreshed leads; stored leads keep their status until they are
              reclassified.
            </span>
          </p>
        ) : (
          <p className="muted">
            Verified from {saved} %. Drag the handle under the chart to see what another threshold would move.
          </p>
        )}
        {changed && (
          <div className="threshold-actions">
            <button
              type="button"
              className="primary small"
              disabled={save.saving}
              onClick={() => void onSave()}
            >
              Save {percent} %
            </button>
            <button type="button" className="small" disabled={save.saving} onClick={() => setDraft(null)}>
              Keep {saved} %
            </button>
          </div>
        )}
        {save.error && (
          <p role="alert" className="error-text">
            {save.error}
          </p>
        )}
      </div>
    </div>
  );
}
