import { Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useI18n, type MessageKey } from '../../i18n/i18n';

/**
 * Banten's eight regencies and cities as a tile map: one tile each, placed roughly where it
 * lies (the industrial north and the cities along the top, Pandeglang and Lebak in the south).
 * No map data is shipped; the shapes are not the point, the comparison is.
 */
/** The province the tiles draw; another province's figures show in the charts and tables only. */
export const MAP_PROVINCE = '36';

const TILES: { code: string; short: string; x: number; y: number; w: number; h: number }[] = [
  { code: '3672', short: 'Cilegon', x: 0, y: 0, w: 1, h: 1 },
  { code: '3673', short: 'Kota Serang', x: 1, y: 0, w: 1, h: 1 },
  { code: '3603', short: 'Kab. Tangerang', x: 2, y: 0, w: 1, h: 1 },
  { code: '3671', short: 'Kota Tangerang', x: 3, y: 0, w: 1, h: 1 },
  { code: '3604', short: 'Kab. Serang', x: 0, y: 1, w: 2, h: 1 },
  { code: '3674', short: 'Tangerang Sel.', x: 3, y: 1, w: 1, h: 1 },
  { code: '3601', short: 'Pandeglang', x: 0, y: 2, w: 1, h: 1 },
  { code: '3602', short: 'Lebak', x: 1, y: 2, w: 2, h: 1 },
];
const CELL = 120;
const GAP = 6;
// A sequential scale from light to dark blue (ColorBrewer Blues, 5 classes); dark tiles get white text.
const SHADES = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];

export interface Figure {
  key: string;
  label: MessageKey;
  values: Map<string, number>;
  format: (v: number) => string;
}

export function RegionMap({ figures, chosen, onChoose, names }: { figures: Figure[]; chosen: string; onChoose: (key: string) => void; names: Map<string, string> }) {
  const { t } = useI18n();
  const figure = figures.find((f) => f.key === chosen) ?? figures[0];
  const values = [...figure.values.values()];
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 0;
  const step = (max - min) / SHADES.length || 1;
  const shade = (v: number) => Math.min(SHADES.length - 1, Math.floor((v - min) / step));
  const title = t('map.title', { figure: t(figure.label) });
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label={t('map.figure')}
        value={figure.key}
        onChange={onChoose}
        data={figures.map((f) => ({ value: f.key, label: t(f.label) }))}
        style={{ alignSelf: 'flex-start', flexWrap: 'wrap' }}
      />
      <svg viewBox={`0 0 ${4 * CELL} ${3 * CELL}`} role="img" aria-label={title} style={{ width: '100%', maxWidth: 560, height: 'auto' }}>
        {TILES.map((tile) => {
          const v = figure.values.get(tile.code);
          const i = v === undefined ? -1 : shade(v);
          const fill = i < 0 ? '#f1f3f5' : SHADES[i];
          const ink = i >= 3 ? '#ffffff' : '#1a1b1e';
          const x = tile.x * CELL + GAP / 2;
          const y = tile.y * CELL + GAP / 2;
          const w = tile.w * CELL - GAP;
          const h = tile.h * CELL - GAP;
          return (
            <g key={tile.code}>
              <title>{`${names.get(tile.code) ?? tile.short}: ${v === undefined ? '–' : figure.format(v)}`}</title>
              <rect x={x} y={y} width={w} height={h} rx={8} fill={fill} stroke="#495057" strokeWidth={1} />
              <text x={x + w / 2} y={y + h / 2 - 6} textAnchor="middle" fontSize={14} fill={ink}>
                {tile.short}
              </text>
              <text x={x + w / 2} y={y + h / 2 + 16} textAnchor="middle" fontSize={17} fontWeight={700} fill={ink}>
                {v === undefined ? '–' : figure.format(v)}
              </text>
            </g>
          );
        })}
      </svg>
      <Group gap="xs" aria-label={t('map.legend')} role="list">
        {SHADES.map((c, i) => (
          <Group key={c} gap={4} role="listitem" wrap="nowrap">
            <span aria-hidden style={{ display: 'inline-block', width: 18, height: 14, background: c, border: '1px solid #495057' }} />
            <Text size="xs">
              {figure.format(min + i * step)} – {figure.format(i === SHADES.length - 1 ? max : min + (i + 1) * step)}
            </Text>
          </Group>
        ))}
        <Group gap={4} role="listitem" wrap="nowrap">
          <span aria-hidden style={{ display: 'inline-block', width: 18, height: 14, background: '#f1f3f5', border: '1px solid #495057' }} />
          <Text size="xs">{t('map.no_data')}</Text>
        </Group>
      </Group>
    </Stack>
  );
}
