import { Anchor, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, call } from '../../api/client';
import { useUser } from '../../auth/AuthProvider';
import { useListParams } from '../../components/list-params';
import { useUnitNames } from '../../components/reference';
import { Notice, PageTitle, Pager } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';
import { ReviewActions } from './Review';
import { useSupervisedPlacements } from './SupervisorHome';
import { EntryCard } from './StudentJournal';

/** "Waiting for me": a mentor's entries to approve or return, a teacher's entries to comment. */
export default function Queue() {
  const { t } = useI18n();
  const user = useUser();
  const { page, set } = useListParams([] as const);
  const waiting = useQuery({
    queryKey: ['journal', 'waiting', page],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/journal-entries/waiting', { params: { query: { page, pageSize: 10 } } })),
  });
  const placements = useSupervisedPlacements();
  const byId = new Map((placements.data?.items ?? []).map((p) => [p.id, p]));
  const unitName = useUnitNames((waiting.data?.items ?? []).flatMap((e) => e.unitCodes));
  return (
    <>
      <PageTitle>{t(user.role === 'teacher' ? 'monitoring.queue.title_teacher' : 'monitoring.queue.title_mentor')}</PageTitle>
      <Text mb="md">{t(user.role === 'teacher' ? 'monitoring.queue.lead_teacher' : 'monitoring.queue.lead_mentor')}</Text>
      <Notice error={waiting.error} />
      <Stack>
        {waiting.data?.items.map((entry) => {
          const p = byId.get(entry.placementId);
          const who = p?.studentName ?? `#${entry.placementId}`;
          return (
            <EntryCard key={entry.id} entry={entry} title={who} unitName={unitName}>
              <Anchor component={Link} to={`/monitoring/placements/${entry.placementId}`} size="sm">
                {t('monitoring.open_placement_x', { name: who })}
              </Anchor>
              <ReviewActions entry={entry} role={user.role} who={who} />
            </EntryCard>
          );
        })}
        {waiting.data?.items.length === 0 && <Text>{t('monitoring.queue.empty')}</Text>}
      </Stack>
      <Pager meta={waiting.data?.meta} onPage={(p) => set({ page: p })} />
    </>
  );
}
