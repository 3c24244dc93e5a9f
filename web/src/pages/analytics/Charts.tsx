import { Bar, BarChart as Chart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { usePhone } from '../../components/ui';

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
  // The names are turned: 30° on a desktop, 60° on a phone, where a bar is too narrow for them
  // to stand apart at 30°. Turned, the first reaches left of its bar by its width × cos, past the
  // y axis for a long name ("Kabupaten Pandeglang" ran off the card), and the longest reaches
  // down by its width × sin: room is made for both.
  const degrees = usePhone() ? 60 : 30;
  const angle = (degrees * Math.PI) / 180;
  const names = data.map((d) => axisName(String(d.name)));
  const width = (name: string) => name.length * CHAR_PX;
  const left = Math.max(0, Math.round(width(names[0] ?? '') * Math.cos(angle)) - Y_AXIS_PX);
  const height = Math.round(Math.max(0, ...names.map(width)) * Math.sin(angle)) + 24;
  return (
    <div role="img" aria-label={label} style={{ width: '100%', height: 230 + height }}>
      <ResponsiveContainer>
        <Chart data={data} margin={{ top: 8, right: 8, bottom: 8, left }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="name"
            interval={0}
            angle={-degrees}
            textAnchor="end"
            height={height}
            fontSize={11}
            tickFormatter={axisName}
          />
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
