import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { DownloadButtons } from '../../components/DownloadButtons';
import { useListParams } from '../../components/list-params';
import { Notice, PageTitle } from '../../components/ui';
import { fmt, useI18n } from '../../i18n/i18n';

type Row = Schemas['MonitoringReportRowDto'];
type Group = Schemas['MonitoringReportDto']['groupBy'];
const GROUPS: Group[] = ['region', 'school', 'teacher', 'company'];

/** Monitoring figures per region, school, teacher or company (over the placements the user may see), with CSV. */
export default function Reports() {
  const { t, locale } = useI18n();
  const { values, set } = useListParams(['groupBy'] as const);
  const groupBy: Group = GROUPS.includes(values.groupBy as Group) ? (values.groupBy as Group) : 'region';
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const report = useQuery({
    queryKey: ['monitoring', 'report', groupBy],
    queryFn: () => call(api.GET('/api/v1/monitoring/reports', { params: { query: { groupBy, format: 'json' } } })),
  });
  const rows = report.data ? [...report.data.items, report.data.totals] : undefined;
  const name = (r: Row) => (r.key === 'total' ? t('monitoring.reports.total') : r.key === 'unassigned' ? t('monitoring.reports.unassigned') : (r.name ?? r.key));
  return (
    <>
      <PageTitle
        actions={
          <DownloadButtons path={`/api/v1/monitoring/reports?groupBy=${groupBy}&lang=${locale}`} name={`monitoring-${groupBy}`} onError={setDownloadError} />
        }
      >
        {t('monitoring.reports.title')}
      </PageTitle>
      <Select
        label={t('monitoring.reports.group_by')}
        data={GROUPS.map((g) => ({ value: g, label: t(`monitoring.reports.group.${g}`) }))}
        value={groupBy}
        onChange={(v) => set({ groupBy: v })}
        allowDeselect={false}
        w={240}
        mb="md"
      />
      <Notice error={downloadError ?? report.error} />
      <DataTable<Row>
        caption={t('monitoring.reports.caption', { count: fmt.number(report.data?.placements) })}
        rows={rows}
        rowKey={(r) => r.key}
        minWidth={760}
        columns={[
          { header: t(`monitoring.reports.group.${groupBy}`), cell: (r) => (r.key === 'total' ? <b>{name(r)}</b> : name(r)) },
          { header: t('monitoring.reports.active'), cell: (r) => fmt.number(r.apprenticesActive) },
          { header: t('monitoring.reports.attendance_days'), cell: (r) => fmt.number(r.attendanceDays) },
          { header: t('monitoring.reports.attendance_rate'), cell: (r) => (r.attendanceRate === null ? '–' : fmt.percent(r.attendanceRate / 100)) },
          { header: t('monitoring.reports.journals_waiting'), cell: (r) => fmt.number(r.journalsWaiting) },
          { header: t('monitoring.reports.assessments_done'), cell: (r) => fmt.number(r.assessmentsDone) },
        ]}
      />
    </>
  );
}
