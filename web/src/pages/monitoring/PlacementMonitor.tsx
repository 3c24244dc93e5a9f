import { Anchor, Button, Card, Group, Stack, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, call, type Schemas } from '../../api/client';
import { useUser } from '../../auth/AuthProvider';
import type { Role } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { useApiForm } from '../../components/form';
import { useListParams } from '../../components/list-params';
import { useNotify } from '../../components/notify';
import { useUnitNames } from '../../components/reference';
import { Notice, PageTitle, Pager, StatusBadge } from '../../components/ui';
import { fmt, useI18n } from '../../i18n/i18n';
import { AssessmentForm, AssessmentResult } from './Assessment';
import { AttendanceRows } from './AttendanceRows';
import { ReviewActions } from './Review';
import { AttendanceTotals, CertificateCard, placementLine, todayWib, usePlacement, type Placement } from './shared';
import { EntryCard } from './StudentJournal';

type Visit = Schemas['VisitDto'];
const VISIT_READERS: Role[] = ['admin', 'coordinator', 'school_admin', 'teacher'];
const TABS = ['journal', 'attendance', 'visits', 'assessment'] as const;
type Tab = (typeof TABS)[number];

function JournalTab({ placement, page, onPage }: { placement: Placement; page: number; onPage: (p: number) => void }) {
  const { t } = useI18n();
  const user = useUser();
  const entries = useQuery({
    queryKey: ['placement', placement.id, 'journal', page],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/placements/{id}/journal', { params: { path: { id: placement.id }, query: { page, pageSize: 10 } } })),
  });
  const unitName = useUnitNames((entries.data?.items ?? []).flatMap((e) => e.unitCodes));
  return (
    <>
      <Notice error={entries.error} />
      <Stack>
        {entries.data?.items.map((entry) => (
          <EntryCard key={entry.id} entry={entry} unitName={unitName}>
            <ReviewActions entry={entry} role={user.role} who={placement.studentName} />
          </EntryCard>
        ))}
        {entries.data?.items.length === 0 && <Text>{t('monitoring.journal.empty')}</Text>}
      </Stack>
      <Pager meta={entries.data?.meta} onPage={onPage} />
    </>
  );
}

function AttendanceTab({ placement, page, onPage }: { placement: Placement; page: number; onPage: (p: number) => void }) {
  const user = useUser();
  const days = useQuery({
    queryKey: ['placement', placement.id, 'attendance', page],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/placements/{id}/attendance', { params: { path: { id: placement.id }, query: { page, pageSize: 10 } } })),
  });
  return (
    <>
      <Notice error={days.error} />
      <AttendanceRows placementId={placement.id} rows={days.data?.items} canConfirm={user.role === 'mentor' || user.role === 'admin'} />
      <Pager meta={days.data?.meta} onPage={onPage} />
    </>
  );
}

function VisitsTab({ placement, page, onPage }: { placement: Placement; page: number; onPage: (p: number) => void }) {
  const { t } = useI18n();
  const user = useUser();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const form = useApiForm({ visitDate: todayWib(), notes: '', findings: '' });
  const visits = useQuery({
    queryKey: ['placement', placement.id, 'visits', page],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/placements/{id}/visits', { params: { path: { id: placement.id }, query: { page, pageSize: 10 } } })),
  });

  async function record(e: FormEvent) {
    e.preventDefault();
    const saved = await form.submit(() => call(api.POST('/api/v1/placements/{id}/visits', { params: { path: { id: placement.id } }, body: form.values })));
    if (saved) {
      notify(t('monitoring.visits.saved', { date: fmt.date(saved.visitDate) }));
      form.setValues({ visitDate: todayWib(), notes: '', findings: '' });
      await queryClient.invalidateQueries({ queryKey: ['placement', placement.id, 'visits'] });
    }
  }

  return (
    <>
      {(user.role === 'teacher' || user.role === 'admin') && (
        <Card withBorder mb="lg" maw={640}>
          <form onSubmit={(e) => void record(e)} noValidate aria-labelledby="visit-form-title">
            <Stack gap="sm">
              <Title order={2} size="h4" id="visit-form-title">
                {t('monitoring.visits.record')}
              </Title>
              <Notice message={form.notice} />
              <TextInput label={t('monitoring.visits.field.visitDate')} type="date" required max={todayWib()} value={form.values.visitDate} onChange={(e) => form.set('visitDate', e.currentTarget.value)} error={form.errors.visitDate} w={220} />
              <Textarea label={t('monitoring.visits.field.notes')} required autosize minRows={2} value={form.values.notes} onChange={(e) => form.set('notes', e.currentTarget.value)} error={form.errors.notes} />
              <Textarea label={t('monitoring.visits.field.findings')} autosize minRows={2} value={form.values.findings} onChange={(e) => form.set('findings', e.currentTarget.value)} error={form.errors.findings} />
              <Group>
                <Button type="submit" loading={form.busy}>
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
      <Notice error={visits.error} />
      <DataTable<Visit>
        caption={t('monitoring.visits.caption')}
        rows={visits.data?.items}
        rowKey={(v) => v.id}
        minWidth={560}
        columns={[
          { header: t('monitoring.visits.field.visitDate'), cell: (v) => fmt.date(v.visitDate) },
          { header: t('monitoring.visits.field.notes'), cell: (v) => v.notes },
          { header: t('monitoring.visits.field.findings'), cell: (v) => v.findings || '–' },
        ]}
      />
      <Pager meta={visits.data?.meta} onPage={onPage} />
    </>
  );
}

/** One apprenticeship under supervision: its journal, attendance, visits and final assessment. */
export default function PlacementMonitor() {
  const { t } = useI18n();
  const user = useUser();
  const id = Number(useParams().id);
  const placement = usePlacement(id);
  const { page, values, set } = useListParams(['tab'] as const);
  const p = placement.data;
  const tabs = TABS.filter((tab) => tab !== 'visits' || VISIT_READERS.includes(user.role));
  const tab: Tab = (tabs as readonly string[]).includes(values.tab) ? (values.tab as Tab) : 'journal';
  const onPage = (n: number) => set({ page: n, tab: values.tab || null });
  return (
    <>
      <PageTitle>{p ? t('monitoring.placement.title', { name: p.studentName }) : t('common.loading')}</PageTitle>
      <Notice error={placement.error} />
      {p && (
        <>
          <Group mb="md" gap="sm">
            <Text>
              {placementLine(p)}
            </Text>
            <StatusBadge status={p.status} />
          </Group>
          {p.status === 'completed' && <CertificateCard placementId={p.id} />}
          <AttendanceTotals placementId={p.id} />
          <Tabs value={tab} onChange={(v) => set({ tab: v === 'journal' ? null : v })} keepMounted={false}>
            <Tabs.List mb="md">
              {tabs.map((name) => (
                <Tabs.Tab key={name} value={name}>
                  {t(`monitoring.placement.tab.${name}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="journal">
              <JournalTab placement={p} page={page} onPage={onPage} />
            </Tabs.Panel>
            <Tabs.Panel value="attendance">
              <AttendanceTab placement={p} page={page} onPage={onPage} />
            </Tabs.Panel>
            {tabs.includes('visits') && (
              <Tabs.Panel value="visits">
                <VisitsTab placement={p} page={page} onPage={onPage} />
              </Tabs.Panel>
            )}
            <Tabs.Panel value="assessment">
              {p.status === 'completed' && <AssessmentResult placementId={p.id} />}
              {p.status === 'active' && (user.role === 'mentor' || user.role === 'admin') && <AssessmentForm placement={p} />}
              {p.status !== 'completed' && !(p.status === 'active' && (user.role === 'mentor' || user.role === 'admin')) && <Text>{t('monitoring.assessment.not_yet')}</Text>}
            </Tabs.Panel>
          </Tabs>
          <Anchor component={Link} to="/" size="sm" mt="lg" display="block">
            {t('monitoring.back_home')}
          </Anchor>
        </>
      )}
    </>
  );
}
