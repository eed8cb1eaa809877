import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { OverviewView } from '@shared/contract';
import { formatDateTime, formatNumber, formatTimeOrDay } from '../../format';
import { COLOURS, NO_ANIMATION, TICK, TOOLTIP } from './chartTheme';

type Run = OverviewView['runs'][number];

interface Props {
  /** Newest first, as the core gives them. */
  runs: readonly Run[];
  now: number;
  onSelect: (run: Run) => void;
}

/** The leads each run added and its failed names, oldest on the left; a run's click shows its leads. */
export function RunsChart({ runs, now, onSelect }: Props) {
  const data = [...runs].reverse().map((run) => ({
    run,
    label: formatTimeOrDay(run.startedAt, now),
    leads: run.leads,
    failed: run.failed,
  }));
  const pick = (bar: { payload?: unknown }) => onSelect((bar.payload as { run: Run }).run);
  return (
    <div className="chart" data-testid="runs-chart">
      <ResponsiveContainer width="100%" height={150}>
        <BarChart data={data} margin={{ top: 6, right: 12, bottom: 0, left: 0 }} maxBarSize={36}>
          <XAxis dataKey="label" tick={TICK} stroke={COLOURS.grid} interval="preserveStartEnd" />
          <YAxis width={40} tick={TICK} allowDecimals={false} axisLine={false} tickLine={false} />
          <Tooltip
            {...TOOLTIP}
            labelFormatter={(_label, items) => {
              const run = (items[0]?.payload as { run: Run } | undefined)?.run;
              return run ? `Run of ${formatDateTime(run.startedAt)}` : '';
            }}
            formatter={(value, name) => [formatNumber(Number(value)), name]}
          />
          <Bar
            dataKey="leads"
            name="Leads"
            stackId="run"
            fill={COLOURS.bar}
            cursor="pointer"
            onClick={pick}
            {...NO_ANIMATION}
          />
          <Bar
            dataKey="failed"
            name="Failed"
            stackId="run"
            fill={COLOURS.failed}
            cursor="pointer"
            onClick={pick}
            {...NO_ANIMATION}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
