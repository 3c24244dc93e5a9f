import { ActionIcon, Button, Card, Group, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import { Notice, PageTitle } from '../../components/ui';
import { useNotify } from '../../components/notify';
import { useI18n } from '../../i18n/i18n';

/**
 * A company's ranking of candidates for one of its slots (rank 1 = most wanted); the engine's
 * score ranks whoever is not listed. Candidates are the students the slot's placements name
 * (proposed, offered and the rest): the company sees no other student.
 */
export default function Ranking() {
  const { t } = useI18n();
  const notify = useNotify();
  const id = Number(useParams().id);
  const queryClient = useQueryClient();
  const slot = useQuery({ queryKey: ['slot', id], queryFn: () => call(api.GET('/api/v1/slots/{id}', { params: { path: { id } } })) });
  const ranking = useQuery({ queryKey: ['ranking', id], queryFn: () => call(api.GET('/api/v1/slots/{id}/ranking', { params: { path: { id } } })) });
  const placements = useQuery({
    queryKey: ['placements', 'slot', id],
    queryFn: () => call(api.GET('/api/v1/placements', { params: { query: { slotId: id, pageSize: 100 } } })),
  });
  const [order, setOrder] = useState<number[]>([]);
  const [pick, setPick] = useState<string | null>(null);
  useEffect(() => {
    if (ranking.data) {
      setOrder(ranking.data.studentIds);
    }
  }, [ranking.data]);
  const save = useMutation({
    mutationFn: (studentIds: number[]) => call(api.PUT('/api/v1/slots/{id}/ranking', { params: { path: { id } }, body: { studentIds } })),
    onSuccess: (data) => {
      queryClient.setQueryData(['ranking', id], data);
      notify(t('ranking.saved'));
    },
  });
  const names = new Map((placements.data?.items ?? []).map((p) => [p.studentId, p.studentName]));
  const name = (studentId: number) => names.get(studentId) ?? t('ranking.student_n', { id: studentId });
  const candidates = [...names.entries()].filter(([sid]) => !order.includes(sid)).map(([sid, n]) => ({ value: String(sid), label: n }));
  const dirty = JSON.stringify(order) !== JSON.stringify(ranking.data?.studentIds ?? []);

  function move(i: number, by: number) {
    const j = i + by;
    if (j >= 0 && j < order.length) {
      const next = [...order];
      [next[i], next[j]] = [next[j], next[i]];
      setOrder(next);
    }
  }

  return (
    <>
      <PageTitle>{t('ranking.title', { title: slot.data?.title ?? '' })}</PageTitle>
      <Text size="sm" mb="md">
        {t('ranking.lead')}
      </Text>
      <Notice error={save.error ?? ranking.error ?? slot.error} />
      <Group align="end" mb="md">
        <Select label={t('ranking.candidate')} placeholder={candidates.length ? undefined : t('ranking.no_candidates')} data={candidates} value={pick} onChange={setPick} searchable w={320} />
        <Button
          variant="light"
          disabled={!pick}
          onClick={() => {
            setOrder([...order, Number(pick)]);
            setPick(null);
          }}
        >
          {t('ranking.add')}
        </Button>
      </Group>
      <Stack gap="xs" component="ol" aria-label={t('ranking.list')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {order.map((sid, i) => (
          <Card key={sid} component="li" withBorder padding="sm">
            <Group justify="space-between" wrap="nowrap">
              <Text fw={500}>
                {i + 1}. {name(sid)}
              </Text>
              <Group gap={4} wrap="nowrap">
                <ActionIcon variant="default" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('student.move_up', { title: name(sid) })}>
                  ↑
                </ActionIcon>
                <ActionIcon variant="default" disabled={i === order.length - 1} onClick={() => move(i, 1)} aria-label={t('student.move_down', { title: name(sid) })}>
                  ↓
                </ActionIcon>
                <ActionIcon variant="default" onClick={() => setOrder(order.filter((x) => x !== sid))} aria-label={t('ranking.remove', { name: name(sid) })}>
                  ×
                </ActionIcon>
              </Group>
            </Group>
          </Card>
        ))}
      </Stack>
      {order.length === 0 && <Text>{t('ranking.empty')}</Text>}
      <Group mt="md">
        <Button disabled={!dirty} loading={save.isPending} onClick={() => save.mutate(order)}>
          {t('common.save')}
        </Button>
      </Group>
    </>
  );
}
