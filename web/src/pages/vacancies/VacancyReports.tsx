import { ActionIcon, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { useUser } from '../../auth/AuthProvider';
import { DataTable } from '../../components/DataTable';
import { DownloadButtons } from '../../components/DownloadButtons';
import { useApiForm } from '../../components/form';
import { compact, useListParams } from '../../components/list-params';
import { CompanySelect } from '../../components/pickers';
import { useNames, useRegions } from '../../components/reference';
import { Notice, PageTitle, Pager } from '../../components/ui';
import { useNotify } from '../../components/notify';
import { fmt, useI18n } from '../../i18n/i18n';

type Report = Schemas['VacancyReportDto'];
type NonReporter = Schemas['NonReporterDto'];
type Line = Schemas['VacancyLineDto'];
const LEVELS: Line['educationLevel'][] = ['SD', 'SMP', 'SMA', 'SMK', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'];
const NEW_LINE = { title: '', kbjiCode: '', count: 1 as number | string, educationLevel: 'SMK' as Line['educationLevel'], regionCode: '', wageMin: '' as number | string, wageMax: '' as number | string };

/** The last month, YYYY-MM: the period companies report (Wajib Lapor Lowongan). */
function lastMonth(): string {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * Vacancy reports (wajib lapor lowongan): companies report each month's openings; the
 * coordinator reads them, exports them for Karirhub and sees who has not reported.
 */
export default function VacancyReports() {
  const { t } = useI18n();
  const user = useUser();
  const staff = user.role === 'admin' || user.role === 'coordinator';
  const { page, values, set } = useListParams(['tab', 'period', 'companyId'] as const);
  const tab = values.tab || 'reports';
  const period = values.period;
  const [exportError, setExportError] = useState<unknown>(null);
  const reports = useQuery({
    queryKey: ['vacancy-reports', page, values],
    enabled: tab === 'reports',
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(api.GET('/api/v1/vacancy-reports', { params: { query: compact({ page, pageSize: 20, period, companyId: values.companyId ? Number(values.companyId) : undefined }) } })),
  });
  const missing = useQuery({
    queryKey: ['vacancy-reports', 'non-reporters', page, period],
    enabled: staff && tab === 'missing',
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/vacancy-reports/non-reporters', { params: { query: { page, pageSize: 20, period: period || lastMonth() } } })),
  });
  const companies = useNames('company', reports.data?.items.map((r) => r.companyId) ?? []);

  const exportPeriod = period || lastMonth();

  return (
    <>
      <PageTitle
        actions={
          staff && (
            <DownloadButtons
              path={`/api/v1/vacancy-reports/export?period=${encodeURIComponent(exportPeriod)}`}
              name={`karirhub-${exportPeriod}`}
              onError={setExportError}
              labels={{ csv: 'vacancies.export', xlsx: 'vacancies.export_xlsx' }}
              vars={{ period: exportPeriod }}
            />
          )
        }
      >
        {t('vacancies.title')}
      </PageTitle>
      <Group align="end" mb="md" wrap="wrap">
        <TextInput label={t('vacancies.field.period')} description={t('vacancies.period_hint')} placeholder={lastMonth()} value={period} onChange={(e) => set({ period: e.currentTarget.value, tab: values.tab })} w={180} />
        {staff && tab === 'reports' && (
          <CompanySelect label={t('agreements.field.company')} value={values.companyId} onChange={(v) => set({ companyId: v, tab: values.tab })} />
        )}
      </Group>
      <Notice error={exportError ?? reports.error ?? missing.error} />
      {user.role === 'company_admin' && <ReportForm />}
      <Tabs value={tab} onChange={(v) => set({ tab: v === 'reports' ? null : v, period: period || null })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="reports">{t('vacancies.tab.reports')}</Tabs.Tab>
          {staff && <Tabs.Tab value="missing">{t('vacancies.tab.missing', { period: period || lastMonth() })}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="reports">
          <DataTable<Report>
            caption={t('vacancies.caption')}
            rows={reports.data?.items}
            rowKey={(r) => r.id}
            minWidth={900}
            columns={[
              { header: t('vacancies.field.period'), cell: (r) => r.period },
              { header: t('agreements.field.company'), cell: (r) => companies.get(r.companyId) },
              { header: t('vacancies.field.title'), cell: (r) => `${r.title} (KBJI ${r.kbjiCode})` },
              { header: t('vacancies.field.count'), cell: (r) => fmt.number(r.count) },
              { header: t('vacancies.field.educationLevel'), cell: (r) => r.educationLevel },
              { header: t('vacancies.field.wage'), cell: (r) => `${fmt.rupiah(r.wageMin)} – ${fmt.rupiah(r.wageMax)}` },
              { header: t('dashboard.region'), cell: (r) => r.regionCode },
            ]}
          />
          <Pager meta={reports.data?.meta} onPage={(p) => set({ page: p, tab: values.tab })} />
        </Tabs.Panel>
        {staff && (
          <Tabs.Panel value="missing">
            <DataTable<NonReporter>
              caption={t('vacancies.missing_caption', { period: period || lastMonth() })}
              rows={missing.data?.items}
              rowKey={(r) => r.companyId}
              columns={[
                { header: t('companies.field.name'), cell: (r) => r.name },
                { header: t('companies.field.nib'), cell: (r) => r.nib },
                { header: t('dashboard.region'), cell: (r) => r.regionCode },
                { header: t('companies.field.contactEmail'), cell: (r) => r.contactEmail },
              ]}
            />
            <Pager meta={missing.data?.meta} onPage={(p) => set({ page: p, tab: values.tab })} />
          </Tabs.Panel>
        )}
      </Tabs>
    </>
  );
}

/** A company's report for one month: one line per job it is hiring for. */
function ReportForm() {
  const { t } = useI18n();
  const notify = useNotify();
  const regions = useRegions();
  const queryClient = useQueryClient();
  const form = useApiForm({ period: lastMonth(), vacancies: [{ ...NEW_LINE }] });
  const { values, set, errors } = form;
  const setLine = (i: number, change: Partial<typeof NEW_LINE>) =>
    set(
      'vacancies',
      values.vacancies.map((l, j) => (j === i ? { ...l, ...change } : l)),
    );
  const lineError = (i: number, field: string) => errors[`vacancies.${i}.${field}`] ?? errors[`vacancies[${i}].${field}`];

  async function save(e: FormEvent) {
    e.preventDefault();
    const fields = values.vacancies.flatMap((_, i) => ['title', 'kbjiCode', 'count', 'educationLevel', 'regionCode', 'wageMin', 'wageMax'].map((f) => `vacancies.${i}.${f}`));
    const saved = await form.submit(
      () =>
        call(
          api.POST('/api/v1/vacancy-reports', {
            body: {
              period: values.period,
              vacancies: values.vacancies.map((l) => ({ ...l, count: Number(l.count), wageMin: Number(l.wageMin), wageMax: Number(l.wageMax) })),
            },
          }),
        ),
      fields,
    );
    if (saved) {
      notify(t('vacancies.saved', { period: values.period }));
      form.setValues({ period: values.period, vacancies: [{ ...NEW_LINE }] });
      await queryClient.invalidateQueries({ queryKey: ['vacancy-reports'] });
    }
  }

  return (
    <Card withBorder mb="lg">
      <Title order={2} size="h4" mb="sm">
        {t('vacancies.new')}
      </Title>
      <form onSubmit={(e) => void save(e)} noValidate>
        <Stack>
          <Notice message={form.notice} />
          <TextInput label={t('vacancies.field.period')} description={t('vacancies.period_hint')} required value={values.period} onChange={(e) => set('period', e.currentTarget.value)} error={errors.period} w={180} />
          {values.vacancies.map((l, i) => (
            <Card key={i} withBorder padding="sm" component="fieldset" aria-label={t('vacancies.line_n', { n: i + 1 })}>
              <Group justify="space-between" mb="xs">
                <Text fw={500}>{t('vacancies.line_n', { n: i + 1 })}</Text>
                {values.vacancies.length > 1 && (
                  <ActionIcon variant="default" onClick={() => set('vacancies', values.vacancies.filter((_, j) => j !== i))} aria-label={t('vacancies.remove_line', { n: i + 1 })}>
                    ×
                  </ActionIcon>
                )}
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput label={t('vacancies.field.title')} required value={l.title} onChange={(e) => setLine(i, { title: e.currentTarget.value })} error={lineError(i, 'title')} />
                <TextInput label={t('vacancies.field.kbjiCode')} required value={l.kbjiCode} onChange={(e) => setLine(i, { kbjiCode: e.currentTarget.value })} error={lineError(i, 'kbjiCode')} />
                <NumberInput label={t('vacancies.field.count')} required min={1} value={l.count} onChange={(v) => setLine(i, { count: v })} error={lineError(i, 'count')} />
                <Select label={t('vacancies.field.educationLevel')} required data={LEVELS} value={l.educationLevel} onChange={(v) => setLine(i, { educationLevel: (v ?? 'SMK') as Line['educationLevel'] })} error={lineError(i, 'educationLevel')} />
                <Select label={t('dashboard.region')} required searchable data={regions.data ?? []} value={l.regionCode || null} onChange={(v) => setLine(i, { regionCode: v ?? '' })} error={lineError(i, 'regionCode')} />
                <Group grow>
                  <NumberInput label={t('vacancies.field.wageMin')} required min={0} thousandSeparator="." decimalSeparator="," value={l.wageMin} onChange={(v) => setLine(i, { wageMin: v })} error={lineError(i, 'wageMin')} />
                  <NumberInput label={t('vacancies.field.wageMax')} required min={0} thousandSeparator="." decimalSeparator="," value={l.wageMax} onChange={(v) => setLine(i, { wageMax: v })} error={lineError(i, 'wageMax')} />
                </Group>
              </SimpleGrid>
            </Card>
          ))}
          <Group>
            <Button variant="default" onClick={() => set('vacancies', [...values.vacancies, { ...NEW_LINE }])}>
              {t('vacancies.add_line')}
            </Button>
            <Button type="submit" loading={form.busy}>
              {t('vacancies.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
