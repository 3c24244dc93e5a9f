import { Button, Group, Paper, Progress, SimpleGrid, Stack, Table, Tabs, Text } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, call, type Schemas } from '../../api/client';
import { useApiForm } from '../../components/form';
import { useUnitNames } from '../../components/reference';
import { Notice, PageTitle, Pager, StatusBadge } from '../../components/ui';
import { TableFrame } from '../../components/DataTable';
import { useNotify } from '../../components/notify';
import { fmt, useI18n, type MessageKey, type Translate } from '../../i18n/i18n';

const LIVE = new Set(['queued', 'running']);

interface Explanation {
  met?: { unit: string; minLevel: number; level: number }[];
  region?: 'same_region' | 'same_province' | 'other';
  competency?: number;
  studentRank?: number;
  listLength?: number;
}

function explain(t: Translate, e: Explanation, unitName: (code: string) => string): string {
  const parts: string[] = [];
  if (e.studentRank) {
    parts.push(t('rounds.expl.rank', { rank: e.studentRank, of: e.listLength ?? '?' }));
  }
  if (e.region) {
    parts.push(t(`rounds.expl.region.${e.region}`));
  }
  if (typeof e.competency === 'number') {
    parts.push(t('rounds.expl.competency', { value: fmt.percent(e.competency) }));
  }
  for (const m of e.met ?? []) {
    parts.push(t('rounds.expl.met', { unit: unitName(m.unit), level: m.level, min: m.minLevel }));
  }
  return parts.join(' · ');
}

/** A score (0–1) as the tables show it: three decimals at most. */
const score3 = (value: number) => fmt.number(Math.round(value * 1000) / 1000);

/**
 * Why a student was left unmatched, in the console's language, from the reason's fields; the
 * API's own (English) text only for a reason the console does not know.
 */
function reasonDetail(t: Translate, mode: string, u: Schemas['UnmatchedDto'], unitName: (code: string) => string): string {
  const r = u.reason;
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  const slot = u.slotTitle ?? (u.slotId === null ? '–' : `#${u.slotId}`);
  switch (u.reasonCode) {
    case 'no_eligible_slot': {
      if (u.slotId === null) return t('rounds.reason_detail.no_unit');
      if (typeof r.missingUnit !== 'string') return t('rounds.reason_detail.units_met', { slot });
      const vars = { slot, unit: unitName(r.missingUnit), min: fmt.number(num(r.missingMinLevel)), held: fmt.number(num(r.heldLevel)) };
      return num(r.heldLevel) > 0 ? t('rounds.reason_detail.missing_unit', vars) : t('rounds.reason_detail.unit_not_held', vars);
    }
    case 'outranked':
      return t(mode === 'optimal' ? 'rounds.reason_detail.outranked.optimal' : 'rounds.reason_detail.outranked.stable', {
        n: fmt.number(num(r.eligibleSlots)),
        slot,
        cutoff: score3(num(r.cutoffScore)),
        score: score3(num(r.score)),
      });
    case 'too_young':
      return t('rounds.reason_detail.too_young');
    default:
      return typeof r.message === 'string' ? r.message : '';
  }
}

export default function RoundDetail() {
  const { t, maybe } = useI18n();
  const notify = useNotify();
  const id = Number(useParams().id);
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<string | null>('proposals');
  const [pPage, setPPage] = useState(1);
  const [uPage, setUPage] = useState(1);
  const action = useApiForm({});

  const run = useQuery({
    queryKey: ['round', id],
    queryFn: () => call(api.GET('/api/v1/matching-runs/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data && !LIVE.has(q.state.data.status) ? false : 1000),
  });
  const completed = run.data?.status === 'completed';
  const proposals = useQuery({
    queryKey: ['round', id, 'proposals', pPage],
    enabled: completed,
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/matching-runs/{id}/proposals', { params: { path: { id }, query: { page: pPage, pageSize: 20 } } })),
  });
  const unmatched = useQuery({
    queryKey: ['round', id, 'unmatched', uPage],
    enabled: completed,
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/matching-runs/{id}/unmatched', { params: { path: { id }, query: { page: uPage, pageSize: 20 } } })),
  });
  // The units the two pages cite, named from the catalogue: "Las Dasar", not "C.282000.001.01".
  const unitName = useUnitNames([
    ...(proposals.data?.items ?? []).flatMap((p) => ((p.explanation as Explanation).met ?? []).map((m) => m.unit)),
    ...(unmatched.data?.items ?? []).map((u) => (typeof u.reason.missingUnit === 'string' ? u.reason.missingUnit : null)),
  ]);

  async function publish() {
    const result = await action.submit(() => call(api.POST('/api/v1/matching-runs/{id}/publish', { params: { path: { id } } })));
    if (result) {
      notify(t('rounds.published_n', { offered: fmt.number(result.offered), skipped: fmt.number(result.skipped) }));
      await queryClient.invalidateQueries({ queryKey: ['round', id] });
      await queryClient.invalidateQueries({ queryKey: ['rounds'] });
    }
  }

  async function cancel() {
    await action.submit(() => call(api.POST('/api/v1/matching-runs/{id}/cancel', { params: { path: { id } } })));
    await queryClient.invalidateQueries({ queryKey: ['round', id] });
  }

  const r = run.data;
  const stats = (r?.stats ?? {}) as Record<string, unknown>;
  const figures: [MessageKey, unknown][] = [
    ['rounds.stats.students', stats.students],
    ['rounds.stats.eligible', stats.eligible],
    ['rounds.stats.matched', stats.matched],
    ['rounds.stats.unmatched', stats.unmatched],
  ];

  return (
    <>
      <PageTitle
        actions={
          r && (
            <>
              {LIVE.has(r.status) && (
                <Button variant="default" onClick={() => void cancel()} loading={action.busy}>
                  {t('rounds.cancel')}
                </Button>
              )}
              {completed && !r.publishedAt && (
                <Button onClick={() => void publish()} loading={action.busy}>
                  {t('rounds.publish')}
                </Button>
              )}
            </>
          )
        }
      >
        {t('rounds.round_n', { id })}
      </PageTitle>
      <Notice message={action.notice} problem={r?.error} error={run.error} />
      {r && (
        <Paper withBorder p="lg" mb="lg">
          <Stack>
            <Group justify="space-between" wrap="wrap">
              <Group gap="sm">
                <StatusBadge status={r.status} />
                <Text size="sm">{t(`rounds.mode.${r.mode}`)}</Text>
                {r.publishedAt && <Text size="sm">{t('rounds.published_at', { at: fmt.dateTime(r.publishedAt) })}</Text>}
              </Group>
              <Text size="sm" aria-live="polite">
                {t('rounds.stage', { stage: r.stage ? (maybe(`rounds.stage.${r.stage}`) ?? r.stage) : '–', progress: r.progress })}
              </Text>
            </Group>
            <Progress value={r.progress} size="lg" animated={LIVE.has(r.status)} aria-label={t('rounds.progress')} />
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              {figures.map(([label, value]) => (
                <div key={label}>
                  <Text size="sm">{t(label)}</Text>
                  <Text fw={700} fz="xl">
                    {typeof value === 'number' ? fmt.number(value) : '–'}
                  </Text>
                </div>
              ))}
            </SimpleGrid>
            {typeof stats.blockingPairs === 'number' && (
              <Text size="sm">
                {stats.blockingPairs === 0
                  ? t('rounds.stats.blocking_none')
                  : t('rounds.stats.blocking_some', { n: fmt.number(stats.blockingPairs) })}
              </Text>
            )}
          </Stack>
        </Paper>
      )}
      {completed && (
        <Tabs value={tab} onChange={setTab}>
          <Tabs.List>
            <Tabs.Tab value="proposals">{t('rounds.proposals', { n: fmt.number(proposals.data?.meta.total ?? 0) })}</Tabs.Tab>
            <Tabs.Tab value="unmatched">{t('rounds.unmatched', { n: fmt.number(unmatched.data?.meta.total ?? 0) })}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="proposals" pt="md">
            {/* On a phone the slot, score and why fold into one column beside the name, as the
                unmatched table's reason does, rather than scrolling off the right edge. */}
            <TableFrame label={t('rounds.proposals', { n: fmt.number(proposals.data?.meta.total ?? 0) })} minWidth={320}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('rounds.student')}</Table.Th>
                    <Table.Th visibleFrom="sm">{t('rounds.slot')}</Table.Th>
                    <Table.Th visibleFrom="sm">{t('rounds.score')}</Table.Th>
                    <Table.Th visibleFrom="sm">{t('rounds.why')}</Table.Th>
                    <Table.Th hiddenFrom="sm">{t('rounds.placement')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {proposals.data?.items.map((p) => (
                    <Table.Tr key={`${p.studentId}-${p.slotId}`}>
                      <Table.Td>{p.studentName}</Table.Td>
                      <Table.Td visibleFrom="sm">{p.slotTitle}</Table.Td>
                      <Table.Td visibleFrom="sm">{score3(p.score)}</Table.Td>
                      <Table.Td visibleFrom="sm">
                        <Text size="sm">{explain(t, p.explanation, unitName)}</Text>
                      </Table.Td>
                      <Table.Td hiddenFrom="sm">
                        <Text size="sm" fw={500}>
                          {p.slotTitle}
                        </Text>
                        <Text size="sm">{t('rounds.score_of', { score: score3(p.score) })}</Text>
                        <Text size="sm">{explain(t, p.explanation, unitName)}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableFrame>
            <Pager meta={proposals.data?.meta} onPage={setPPage} />
          </Tabs.Panel>
          <Tabs.Panel value="unmatched" pt="md">
            {/* Two columns: on a phone the reason wraps beside the name rather than scrolling away. */}
            <TableFrame label={t('rounds.unmatched', { n: fmt.number(unmatched.data?.meta.total ?? 0) })} minWidth={320}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('rounds.student')}</Table.Th>
                    <Table.Th>{t('rounds.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {unmatched.data?.items.map((u) => (
                    <Table.Tr key={u.studentId}>
                      <Table.Td>{u.studentName}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {maybe(`rounds.reason.${u.reasonCode}`) ?? u.reasonCode}
                        </Text>
                        <Text size="sm">{reasonDetail(t, r?.mode ?? 'stable', u, unitName)}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableFrame>
            <Pager meta={unmatched.data?.meta} onPage={setUPage} />
          </Tabs.Panel>
        </Tabs>
      )}
    </>
  );
}
