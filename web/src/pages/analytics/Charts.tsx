import { Bar, BarChart as Chart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

interface Props {
  /** The chart's accessible name; the same figures are in the page's tables and cards. */
  label: string;
  data: Record<string, string | number>[];
  series: { key: string; name: string; color: string }[];
}

export default function BarChart({ label, data, series }: Props) {
  return (
    <div role="img" aria-label={label} style={{ width: '100%', height: 320 }}>
      <ResponsiveContainer>
        <Chart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" interval={0} angle={-30} textAnchor="end" height={90} fontSize={11} />
          <YAxis fontSize={11} />
          <Tooltip />
          <Legend verticalAlign="top" />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} />
          ))}
        </Chart>
      </ResponsiveContainer>
    </div>
  );
}
