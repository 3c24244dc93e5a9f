import { toCsv } from '../../common/csv/csv-writer';
import { BarChart, colour, renderBarChart } from './charts';
import { SupplyDemandRegionDto, SupplyDemandRowDto } from './dto/supply-demand.dto';
import { UnemploymentReportDto } from './dto/unemployment.dto';

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

export function unemploymentCsv(report: UnemploymentReportDto): string {
  return toCsv(
    [
      'year',
      report.groupBy,
      'label',
      'graduates',
      'without_outcome',
      'working',
      'unemployed',
      'outside_labour_force',
      'labour_force',
      'rate',
    ],
    report.rows.map((r) => [
      r.year,
      r.key,
      r.label,
      r.graduates,
      r.withoutOutcome,
      r.working,
      r.unemployed,
      r.outsideLabourForce,
      r.labourForce,
      r.rate,
    ]),
  );
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

export function supplyDemandCsv(rows: SupplyDemandRowDto[]): string {
  return toCsv(
    [
      'region_code',
      'region_name',
      'unit_code',
      'unit_name',
      'supply',
      'supply_l1',
      'supply_l2',
      'supply_l3',
      'supply_l4',
      'supply_l5',
      'slot_seats',
      'vacancies',
      'demand',
      'gap',
    ],
    rows.map((r) => [
      r.regionCode,
      r.regionName,
      r.unitCode,
      r.unitName,
      r.supply,
      ...r.supplyByLevel,
      r.slotSeats,
      r.vacancies,
      r.demand,
      r.gap,
    ]),
  );
}
