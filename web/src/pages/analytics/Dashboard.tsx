import { Card, Group, Loader, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { useProvinces, useRegions } from '../../components/reference';
import { Notice, PageTitle } from '../../components/ui';
import { TableFrame } from '../../components/DataTable';
import { MAP_PROVINCE, RegionMap, type Figure } from './RegionMap';
import { fmt, useI18n, type Translate } from '../../i18n/i18n';

// recharts is the heaviest dependency: loaded only once a chart is on screen.
const BarChart = lazy(() => import('./Charts'));

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 5 }, (_, i) => String(THIS_YEAR - i));

export default function Dashboard() {
  const { t } = useI18n();
  const [year, setYear] = useState(String(THIS_YEAR));
  const provinces = useProvinces();
  const [chosenProvince, setProvince] = useState<string | null>(null);
  const [region, setRegion] = useState<string | null>(null);
  const unemployment = useQuery({
    queryKey: ['analytics', 'unemployment', year],
    queryFn: () => call(api.GET('/api/v1/analytics/unemployment', { params: { query: { year: Number(year), groupBy: 'region' } } })),
  });
  // The province shown: the one chosen, else the one with the most graduates (the country has 38).
  const graduatesBy = new Map<string, number>();
  for (const r of unemployment.data?.rows ?? []) {
    graduatesBy.set(r.key.slice(0, 2), (graduatesBy.get(r.key.slice(0, 2)) ?? 0) + r.graduates);
  }
  const busiest = [...graduatesBy.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const province = chosenProvince ?? busiest ?? provinces.data?.[0]?.value ?? null;
  const regions = useRegions(province);
  const supply = useQuery({
    queryKey: ['analytics', 'supply-demand', year, province],
    enabled: province !== null,
    queryFn: () => call(api.GET('/api/v1/analytics/supply-demand', { params: { query: { year: Number(year), pageSize: 10, provinceCode: province as string } } })),
  });
  const chosenRegion = region ?? regions.data?.[0]?.value ?? null;
  const recommendations = useQuery({
    queryKey: ['analytics', 'recommendations', year, chosenRegion],
    enabled: chosenRegion !== null,
    queryFn: () => call(api.GET('/api/v1/analytics/recommendations', { params: { query: { year: Number(year), regionCode: chosenRegion as string } } })),
  });
  const total = unemployment.data?.totals.find((r) => r.year === Number(year)) ?? unemployment.data?.totals[0];
  const rows = (unemployment.data?.rows ?? []).filter((r) => r.year === Number(year) && r.key.startsWith(province ?? ''));
  const [figure, setFigure] = useState('rate');
  const byRegion = supply.data?.regions ?? [];
  const figures: Figure[] = [
    { key: 'rate', label: 'dashboard.rate', values: new Map(rows.filter((r) => r.rate !== null).map((r) => [r.key, r.rate as number])), format: fmt.percent },
    { key: 'graduates', label: 'dashboard.graduates', values: new Map(rows.map((r) => [r.key, r.graduates])), format: fmt.number },
    { key: 'supply', label: 'dashboard.supply', values: new Map(byRegion.map((r) => [r.regionCode, r.supply])), format: fmt.number },
    { key: 'demand', label: 'dashboard.demand', values: new Map(byRegion.map((r) => [r.regionCode, r.demand])), format: fmt.number },
    { key: 'gap', label: 'dashboard.gap', values: new Map(byRegion.map((r) => [r.regionCode, r.gap])), format: fmt.number },
  ];
  const names = new Map([...rows.map((r) => [r.key, r.label] as const), ...byRegion.map((r) => [r.regionCode, r.regionName] as const)]);

  return (
    <>
      <PageTitle
        actions={
          <Group align="end">
            <Select
              label={t('dashboard.province')}
              data={provinces.data ?? []}
              value={province}
              onChange={(v) => {
                setProvince(v);
                setRegion(null);
              }}
              searchable
              w={220}
              allowDeselect={false}
            />
            <Select label={t('dashboard.year')} data={YEARS} value={year} onChange={(v) => setYear(v ?? String(THIS_YEAR))} w={120} allowDeselect={false} />
          </Group>
        }
      >
        {t('dashboard.title')}
      </PageTitle>
      <Notice error={unemployment.error ?? supply.error} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} mb="lg">
        <Card withBorder>
          <Text size="sm">{t('dashboard.graduates')}</Text>
          <Text fz={28} fw={700}>
            {fmt.number(total?.graduates)}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm">{t('dashboard.rate')}</Text>
          <Text fz={28} fw={700}>
            {fmt.percent(total?.rate)}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm">{t('dashboard.without_outcome')}</Text>
          <Text fz={28} fw={700}>
            {fmt.number(total?.withoutOutcome)}
          </Text>
        </Card>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} mb="lg">
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('dashboard.rate_by_region')}
          </Title>
          <Suspense fallback={<Loader size="sm" />}>
            <BarChart
              label={t('dashboard.rate_by_region')}
              data={rows.map((r) => ({ name: r.label, value: r.rate === null ? 0 : Math.round(r.rate * 1000) / 10 }))}
              series={[{ key: 'value', name: t('dashboard.rate_pct'), color: '#c92a2a' }]}
            />
          </Suspense>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('dashboard.supply_demand')}
          </Title>
          <Suspense fallback={<Loader size="sm" />}>
            <BarChart
              label={t('dashboard.supply_demand')}
              data={(supply.data?.regions ?? []).map((r) => ({ name: r.regionName, supply: r.supply, demand: r.demand }))}
              series={[
                { key: 'supply', name: t('dashboard.supply'), color: '#1864ab' },
                { key: 'demand', name: t('dashboard.demand'), color: '#e67700' },
              ]}
            />
          </Suspense>
        </Card>
      </SimpleGrid>
      {province === MAP_PROVINCE && (
        <Card withBorder mb="lg">
          <Title order={2} size="h4" mb="sm">
            {t('map.heading')}
          </Title>
          <RegionMap figures={figures} chosen={figure} onChoose={setFigure} names={names} />
        </Card>
      )}
      <Card withBorder>
        <Group justify="space-between" mb="sm" align="end">
          <Title order={2} size="h4">
            {t('dashboard.recommendations')}
          </Title>
          <Select label={t('dashboard.region')} data={regions.data ?? []} value={chosenRegion} onChange={setRegion} w={260} allowDeselect={false} />
        </Group>
        <Stack gap="xs">
          {recommendations.data?.recommendations.map((r) => (
            <div key={r.unitCode}>
              <Text fw={500}>
                {r.rank}. {r.unitName} ({r.unitCode})
              </Text>
              <Text size="sm">{recommendationText(t, r, recommendations.data)}</Text>
            </div>
          ))}
          {recommendations.data?.recommendations.length === 0 && <Text>{t('common.empty')}</Text>}
        </Stack>
      </Card>
      <TableFrame label={t('dashboard.gaps')} minWidth={600} mt="lg">
        <Table striped>
          <Table.Caption>{t('dashboard.gaps')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboard.region')}</Table.Th>
              <Table.Th>{t('dashboard.unit')}</Table.Th>
              <Table.Th>{t('dashboard.supply')}</Table.Th>
              <Table.Th>{t('dashboard.demand')}</Table.Th>
              <Table.Th>{t('dashboard.gap')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {supply.data?.items.map((r) => (
              <Table.Tr key={`${r.regionCode}-${r.unitCode}`}>
                <Table.Td>{r.regionName}</Table.Td>
                <Table.Td>{r.unitName}</Table.Td>
                <Table.Td>{fmt.number(r.supply)}</Table.Td>
                <Table.Td>{fmt.number(r.demand)}</Table.Td>
                <Table.Td>{fmt.number(r.gap)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableFrame>
    </>
  );
}

/**
 * Why a unit is recommended, in the console's language, from the recommendation's figures (the
 * API's `explanation` says the same in English for other clients).
 */
function recommendationText(t: Translate, r: Schemas['RecommendationDto'], of: Schemas['RecommendationsDto']): string {
  const n = fmt.number;
  return [
    t('dashboard.rec.need', { demand: n(r.demand), region: of.regionName, seats: n(r.slotSeats), vacancies: n(r.vacancies), year: of.year, supply: n(r.supply), gap: n(r.gap) }),
    t('dashboard.rec.unemployed', { unemployed: n(of.unemployed), year: of.year, region: of.regionName, potential: n(r.potential) }),
    r.courses.length === 0
      ? t('dashboard.rec.no_course')
      : r.nextCohort
        ? t('dashboard.rec.next_cohort', { n: r.courses.length, cohort: r.nextCohort.name, course: r.nextCohort.courseCode, start: fmt.date(r.nextCohort.startDate), seats: n(r.nextCohort.seatsLeft) })
        : t('dashboard.rec.no_cohort', { n: r.courses.length }),
  ].join(' ');
}
