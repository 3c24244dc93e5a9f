import { Anchor, SimpleGrid, Card, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, call, type Schemas } from '../../api/client';
import { useUser } from '../../auth/AuthProvider';
import { DataTable } from '../../components/DataTable';
import { Notice, StatusBadge } from '../../components/ui';
import { fmt, useI18n } from '../../i18n/i18n';
import type { Placement } from './shared';

type Attention = Schemas['AttentionDto'];

/** The placements a teacher or mentor is assigned to (the API scopes the list to theirs). */
export function useSupervisedPlacements(status?: Placement['status']) {
  return useQuery({
    queryKey: ['placements', 'supervised', status ?? 'all'],
    queryFn: () => call(api.GET('/api/v1/placements', { params: { query: { pageSize: 100, ...(status ? { status } : {}) } } })),
  });
}

/** The home of a teacher or mentor: their apprentices, what waits for them, who needs attention. */
export default function SupervisorHome() {
  const { t } = useI18n();
  const user = useUser();
  const placements = useSupervisedPlacements();
  const waiting = useQuery({
    queryKey: ['journal', 'waiting', 'count'],
    queryFn: () => call(api.GET('/api/v1/journal-entries/waiting', { params: { query: { pageSize: 1 } } })),
  });
  const attention = useQuery({
    queryKey: ['monitoring', 'attention'],
    queryFn: () => call(api.GET('/api/v1/monitoring/attention', { params: { query: { pageSize: 20 } } })),
  });
  const rows = (placements.data?.items ?? []).filter((p) => p.status === 'active' || p.status === 'completed');
  const names = new Map(rows.map((p) => [p.id, p.studentName]));
  const open = (id: number, name: string) => (
    <Anchor component={Link} to={`/monitoring/placements/${id}`}>
      {name}
    </Anchor>
  );
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mb="lg">
        <Card withBorder padding="lg" radius="md">
          <Text size="sm" fw={500}>
            {t(user.role === 'teacher' ? 'monitoring.home.waiting_teacher' : 'monitoring.home.waiting_mentor')}
          </Text>
          <Text fz={32} fw={700}>
            {fmt.number(waiting.data?.meta.total)}
          </Text>
          <Anchor component={Link} to="/monitoring/queue" size="sm">
            {t('home.open_list')}
          </Anchor>
        </Card>
        <Card withBorder padding="lg" radius="md">
          <Text size="sm" fw={500}>
            {t('monitoring.home.attention_count')}
          </Text>
          <Text fz={32} fw={700}>
            {fmt.number(attention.data?.meta.total)}
          </Text>
        </Card>
      </SimpleGrid>
      <Notice error={placements.error ?? attention.error} />
      <Title order={2} size="h4" mb="sm">
        {t('monitoring.home.placements')}
      </Title>
      <DataTable<Placement>
        caption={t('monitoring.home.placements_caption')}
        rows={rows}
        rowKey={(p) => p.id}
        minWidth={640}
        columns={[
          { header: t('rounds.student'), cell: (p) => open(p.id, p.studentName) },
          {
            header: t('rounds.slot'),
            cell: (p) => (
              <>
                {p.slotTitle}
                <Text size="sm">{p.companyName}</Text>
              </>
            ),
          },
          { header: t('students.field.status'), cell: (p) => <StatusBadge status={p.status} /> },
          { header: t('slots.field.period'), cell: (p) => `${fmt.date(p.startDate)} – ${fmt.date(p.endDate)}` },
        ]}
      />
      <Title order={2} size="h4" mt="lg" mb="sm">
        {t('monitoring.home.attention')}
      </Title>
      <DataTable<Attention>
        caption={t('monitoring.home.attention_caption')}
        rows={attention.data?.items}
        rowKey={(a) => a.placementId}
        minWidth={640}
        columns={[
          { header: t('rounds.student'), cell: (a) => open(a.placementId, names.get(a.placementId) ?? `#${a.placementId}`) },
          { header: t('monitoring.home.journal_missing'), cell: (a) => (a.journalMissingDays > 0 ? t('monitoring.home.days_since', { days: a.journalMissingDays, last: fmt.date(a.lastJournalDate) }) : '–') },
          { header: t('monitoring.home.unconfirmed'), cell: (a) => (a.unconfirmedDays > 0 ? t('monitoring.home.unconfirmed_since', { days: a.unconfirmedDays, oldest: fmt.date(a.oldestUnconfirmedDay) }) : '–') },
          { header: t('monitoring.home.detected'), cell: (a) => fmt.date(a.detectedOn) },
        ]}
      />
    </>
  );
}
