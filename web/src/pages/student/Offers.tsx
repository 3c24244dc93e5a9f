import { Card, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { useUser } from '../../auth/AuthProvider';
import { Notice, PageTitle, StatusBadge } from '../../components/ui';
import { fmt, useI18n } from '../../i18n/i18n';
import { PlacementActions } from '../placements/actions';

export default function Offers() {
  const { t } = useI18n();
  const user = useUser();
  const [notice, setNotice] = useState<string | null>(null);
  // The student's own placements: offers first, then the rest of their history.
  const list = useQuery({
    queryKey: ['placements', 'mine'],
    queryFn: () => call(api.GET('/api/v1/placements', { params: { query: { pageSize: 50 } } })),
  });
  const items = [...(list.data?.items ?? [])].sort((a, b) => Number(b.status === 'offered') - Number(a.status === 'offered'));
  return (
    <>
      <PageTitle>{t('student.offers.title')}</PageTitle>
      <Notice message={notice} error={list.error} />
      <Stack>
        {items.map((p) => (
          <Card key={p.id} withBorder padding="md" component="article" aria-labelledby={`offer-${p.id}`}>
            <Group justify="space-between" wrap="nowrap" align="start">
              <Text fw={700} id={`offer-${p.id}`}>
                {p.slotTitle}
              </Text>
              <StatusBadge status={p.status} />
            </Group>
            <Text size="sm">{p.companyName}</Text>
            {p.status === 'offered' && <Text size="sm">{t('student.offer_deadline', { at: fmt.dateTime(p.offerDeadline) })}</Text>}
            <Text size="sm">
              {fmt.date(p.startDate)} – {fmt.date(p.endDate)}
            </Text>
            <Group mt="sm">
              <PlacementActions placement={p} role={user.role} onNotice={setNotice} />
            </Group>
          </Card>
        ))}
        {list.data && items.length === 0 && <Text>{t('student.offers.empty')}</Text>}
      </Stack>
    </>
  );
}
