import { Bar, BarChart, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { countryName } from '../../countries';
import { formatNumber } from '../../format';
import { COLOURS, NO_ANIMATION, TICK, TOOLTIP } from './chartTheme';

/** The ranked bars show this many countries; the map shows them all. */
export const RANKED_COUNTRIES = 10;

interface Props {
  countries: ReadonlyArray<{ countryCode: string; leads: number }>;
  onSelect: (countryCode: string) => void;
}

/** The countries with the most leads, most first; a bar's click filters the table by its country. */
export function CountryBars({ countries, onSelect }: Props) {
  const data = countries.slice(0, RANKED_COUNTRIES).map((c) => ({
    countryCode: c.countryCode,
    name: countryName(c.countryCode),
    leads: c.leads,
  }));
  return (
    <div className="chart country-bars" data-testid="country-bars">
      <ResponsiveContainer width="100%" height={data.length * 26 + 12}>
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 44, bottom: 0, left: 0 }}>
          <XAxis type="number" hide />
          <YAxis
            type="category"
            dataKey="name"
            width={120}
            tick={TICK}
            tickLine={false}
            axisLine={false}
            interval={0}
          />
          <Tooltip {...TOOLTIP} formatter={(value) => [formatNumber(Number(value)), 'Leads']} />
          <Bar
            dataKey="leads"
            fill={COLOURS.bar}
            radius={[0, 3, 3, 0]}
            cursor="pointer"
            onClick={(bar) => onSelect((bar.payload as { countryCode: string }).countryCode)}
            {...NO_ANIMATION}
          >
            <LabelList
              dataKey="leads"
              position="right"
              fill={COLOURS.text}
              fontSize={11}
              formatter={(value) => formatNumber(Number(value))}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
