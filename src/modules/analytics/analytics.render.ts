import type { TableExport } from '../../common/export/table-export';
import { BarChart, colour, renderBarChart } from './charts';
import { SupplyDemandRegionDto, SupplyDemandRowDto } from './dto/supply-demand.dto';
import { UnemploymentReportDto, UnemploymentRowDto } from './dto/unemployment.dto';

const percent = (rate: number | null): string =>
  rate === null ? 'n/a' : `${(rate * 100).toFixed(1)} %`;

/** The rate per group, one bar per graduation year in each group. */
export function unemploymentSvg(report: UnemploymentReportDto): string {
  const years: number[] = [];
  for (let y = report.fromYear; y <= report.toYear; y++) {
    years.push(y);
  }
  const keys = [...new Map(report.rows.map((r) => [r.key, r.label])).entries()];
  const groups = keys.map(([key, label]) => {
    const of = years.map((y) => report.rows.find((r) => r.key === key && r.year === y));
    return {
      key,
      label,
      values: of.map((r) => r?.rate ?? null),
      captions: of.map((r) => percent(r?.rate ?? null)),
    };
  });
  const highest = Math.max(0, ...report.rows.map((r) => r.rate ?? 0));
  const chart: BarChart = {
    title: `Open unemployment of SMK graduates by ${report.groupBy}`,
    subtitle:
      report.fromYear === report.toYear
        ? `Graduates of ${report.toYear}: unemployed / labour force, from each graduate's latest outcome`
        : `Graduates of ${report.fromYear}–${report.toYear}: unemployed / labour force`,
    series: years.map((y, i) => ({ name: String(y), colour: colour(i) })),
    groups,
    // Round the axis up to the next 10 %.
    max: Math.max(0.1, Math.ceil(highest * 10) / 10),
    formatTick: (v) => `${Math.round(v * 100)} %`,
  };
  return renderBarChart(chart);
}

/** The CSV / xlsx of the rate: one line per group and year. */
export function unemploymentTable(
  groupBy: UnemploymentReportDto['groupBy'],
): TableExport<UnemploymentRowDto> {
  return {
    sheet: `Unemployment by ${groupBy}`,
    columns: [
      { header: 'year', type: 'integer', value: (r) => r.year },
      { header: groupBy, type: 'text', value: (r) => r.key },
      { header: 'label', type: 'text', value: (r) => r.label, width: 30 },
      { header: 'graduates', type: 'integer', value: (r) => r.graduates },
      { header: 'without_outcome', type: 'integer', value: (r) => r.withoutOutcome },
      { header: 'working', type: 'integer', value: (r) => r.working },
      { header: 'unemployed', type: 'integer', value: (r) => r.unemployed },
      { header: 'outside_labour_force', type: 'integer', value: (r) => r.outsideLabourForce },
      { header: 'labour_force', type: 'integer', value: (r) => r.labourForce },
      { header: 'rate', type: 'percent', value: (r) => r.rate },
    ],
  };
}

/** Supply against demand per region: two bars in each region. */
export function supplyDemandSvg(
  regions: SupplyDemandRegionDto[],
  year: number,
  unitCode: string | undefined,
): string {
  const highest = Math.max(1, ...regions.flatMap((r) => [r.supply, r.demand]));
  return renderBarChart({
    title: `Supply and demand of competencies by region${unitCode ? `: ${unitCode}` : ''}`,
    subtitle: `Supply: graduates of ${year} holding the unit(s); demand: open slot seats + reported vacancies`,
    series: [
      { name: 'supply', colour: '#2ca02c' },
      { name: 'demand', colour: '#d62728' },
    ],
    groups: regions.map((r) => ({
      key: r.regionCode,
      label: r.regionName,
      values: [r.supply, r.demand],
      captions: [String(r.supply), String(r.demand)],
    })),
    max: highest,
    formatTick: (v) => String(Math.round(v)),
  });
}

const LEVELS = [1, 2, 3, 4, 5];

/** The CSV / xlsx of supply and demand: every filtered row, sorted. */
export const SUPPLY_DEMAND_TABLE: TableExport<SupplyDemandRowDto> = {
  sheet: 'Supply and demand',
  columns: [
    { header: 'region_code', type: 'text', value: (r) => r.regionCode },
    { header: 'region_name', type: 'text', value: (r) => r.regionName, width: 24 },
    { header: 'unit_code', type: 'text', value: (r) => r.unitCode, width: 18 },
    { header: 'unit_name', type: 'text', value: (r) => r.unitName, width: 30 },
    { header: 'supply', type: 'integer', value: (r) => r.supply },
    ...LEVELS.map((level) => ({
      header: `supply_l${level}`,
      type: 'integer' as const,
      value: (r: SupplyDemandRowDto) => r.supplyByLevel[level - 1],
    })),
    { header: 'slot_seats', type: 'integer', value: (r) => r.slotSeats },
    { header: 'vacancies', type: 'integer', value: (r) => r.vacancies },
    { header: 'demand', type: 'integer', value: (r) => r.demand },
    { header: 'gap', type: 'integer', value: (r) => r.gap },
  ],
};
