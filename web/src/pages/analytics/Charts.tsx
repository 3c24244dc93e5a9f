import { Bar, BarChart as Chart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

interface Props {
  /** The chart's accessible name; the same figures are in the page's tables and cards. */
  label: string;
  data: Record<string, string | number>[];
  series: { key: string; name: string; color: string }[];
}

/** A regency as the axis names it: "Kab." for "Kabupaten", as the map's tiles do (the tooltip keeps the whole name). */
const axisName = (name: string) => name.replace(/^Kabupaten /, 'Kab. ');

/** Roughly the width of a character of the axis's 11 px names, and the y axis's own width. */
const CHAR_PX = 6;
const Y_AXIS_PX = 60;

export default function BarChart({ label, data, series }: Props) {
  // The names are turned 30°: the first reaches left of its bar by about its width × cos 30°,
  // past the y axis for a long name ("Kabupaten Pandeglang" ran off the card): room is made for it.
  const first = axisName(String(data[0]?.name ?? ''));
  const left = Math.max(0, Math.round(first.length * CHAR_PX * Math.cos(Math.PI / 6)) - Y_AXIS_PX);
  return (
    <div role="img" aria-label={label} style={{ width: '100%', height: 320 }}>
      <ResponsiveContainer>
        <Chart data={data} margin={{ top: 8, right: 8, bottom: 8, left }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" interval={0} angle={-30} textAnchor="end" height={90} fontSize={11} tickFormatter={axisName} />
          <YAxis fontSize={11} width={Y_AXIS_PX} />
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
