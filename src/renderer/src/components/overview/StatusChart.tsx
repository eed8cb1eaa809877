import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LeadStatus, OverviewView } from '@shared/contract';
import { formatNumber } from '../../format';
import { COLOURS, NO_ANIMATION, TICK, TOOLTIP } from './chartTheme';

export type StatusPick = { kind: 'status'; status: LeadStatus } | { kind: 'synced' } | { kind: 'failed' };

interface Props {
  status: OverviewView['status'];
  onSelect: (pick: StatusPick) => void;
}

const SEGMENTS = [
  {
    key: 'verified',
    label: 'Verified',
    colour: COLOURS.verified,
    pick: { kind: 'status', status: 'Verified' },
  },
  {
    key: 'toCheck',
    label: 'To Check',
    colour: COLOURS.toCheck,
    pick: { kind: 'status', status: 'To Check' },
  },
  {
    key: 'rejected',
    label: 'Rejected',
    colour: COLOURS.rejected,
    pick: { kind: 'status', status: 'Rejected' },
  },
  { key: 'failed', label: 'Failed names', colour: COLOURS.failed, pick: { kind: 'failed' } },
  { key: 'synced', label: 'Synced to the CRM', colour: COLOURS.synced, pick: { kind: 'synced' } },
] as const satisfies ReadonlyArray<{
  key: keyof OverviewView['status'];
  label: string;
  colour: string;
  pick: StatusPick;
}>;

/**
 * Every name as one stacked bar (Verified, To Check, Rejected, failed), and under it, on the same scale,
 * the leads the CRM has. The legend's entries are buttons too: each filters like its segment.
 */
export function StatusChart({ status, onSelect }: Props) {
  const data = [
    {
      row: 'Names',
      verified: status.verified,
      toCheck: status.toCheck,
      rejected: status.rejected,
      failed: status.failed,
    },
    { row: 'Synced', synced: status.synced },
  ];
  return (
    <div className="status-chart">
      <div className="chart" data-testid="status-chart">
        <ResponsiveContainer width="100%" height={76}>
          <BarChart
            data={data}
            layout="vertical"
            margin={{ top: 0, right: 12, bottom: 0, left: 0 }}
            barSize={22}
          >
            <XAxis type="number" hide domain={[0, 'dataMax']} />
            <YAxis type="category" dataKey="row" width={48} tick={TICK} tickLine={false} axisLine={false} />
            <Tooltip {...TOOLTIP} formatter={(value, name) => [formatNumber(Number(value)), name]} />
            {SEGMENTS.map((segment) => (
              <Bar
                key={segment.key}
                dataKey={segment.key}
                name={segment.label}
                stackId={segment.key === 'synced' ? 'crm' : 'names'}
                fill={segment.colour}
                cursor="pointer"
                onClick={() => onSelect(segment.pick)}
                {...NO_ANIMATION}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ul className="chart-legend">
        {SEGMENTS.map((segment) => (
          <li key={segment.key}>
            <button type="button" className="legend-button" onClick={() => onSelect(segment.pick)}>
              <span className="legend-swatch" style={{ background: segment.colour }} aria-hidden="true" />
              {segment.label} <strong className="num">{formatNumber(status[segment.key])}</strong>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
