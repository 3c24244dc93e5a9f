import { Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call } from '../../api/client';
import { explainError } from '../../api/errors';
import { useUser } from '../../auth/AuthProvider';
import { compact, useListParams } from '../../components/list-params';
import { useRegionName, useUnitNames } from '../../components/reference';
import { Notice, PageTitle, Pager } from '../../components/ui';
import { useNotify } from '../../components/notify';
import { fmt, useI18n } from '../../i18n/i18n';
import { MAX_PREFERENCES, usePreferences } from './preferences';

export default function OpenSlots() {
  const { t, maybe } = useI18n();
  const notify = useNotify();
  const user = useUser();
  const { page, values, set } = useListParams(['search'] as const);
  const [search, setSearch] = useState(values.search);
  const { query: prefs, save } = usePreferences();
  // Only the slots of the student's own programme: the API refuses a choice outside it.
  const me = useQuery({
    queryKey: ['student', user.studentId],
    queryFn: () => call(api.GET('/api/v1/students/{id}', { params: { path: { id: user.studentId as number } } })),
  });
  const programCode = me.data?.programCode;
  const competencies = useQuery({
    queryKey: ['student', user.studentId, 'competencies'],
    queryFn: () => call(api.GET('/api/v1/students/{id}/competencies', { params: { path: { id: user.studentId as number } } })),
  });
  // Why a slot is or is not open to the student: each required unit against the level they hold.
  const held = new Map((competencies.data ?? []).map((c) => [c.unitCode, c.level]));
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['slots', 'open', programCode, page, values],
    enabled: programCode !== undefined,
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const found = await call(api.GET('/api/v1/slots', { params: { query: compact({ page, pageSize: 10, status: 'open' as const, programCode, search: values.search }) } }));
      // Each slot shown is cached by id, so the ranked choices show their titles at once.
      found.items.forEach((slot) => queryClient.setQueryData(['slot', slot.id], slot));
      return found;
    },
  });
  const unitName = useUnitNames((list.data?.items ?? []).flatMap((s) => s.requirements.map((r) => r.unit)));
  const regionName = useRegionName();
  const chosen = prefs.data?.slotIds ?? [];
  const notice = save.error ? explainError(save.error, [], maybe).notice : null;

  function add(slotId: number, title: string) {
    save.mutate([...chosen, slotId], {
      onSuccess: () => notify(t('student.added', { title, n: chosen.length + 1 })),
    });
  }

  return (
    <>
      <PageTitle>{t('student.open_slots.title')}</PageTitle>
      <form
        role="search"
        aria-label={t('slots.filters')}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          set({ search });
        }}
      >
        <Group align="end" mb="md" wrap="nowrap">
          <TextInput label={t('slots.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} style={{ flex: 1 }} />
          <Button type="submit" variant="light">
            {t('common.search')}
          </Button>
        </Group>
      </form>
      <Notice message={notice} error={list.error} />
      <Text size="sm" mb="sm">
        {t('student.chosen', { n: chosen.length, max: MAX_PREFERENCES })}
      </Text>
      <Stack>
        {list.data?.items.map((s) => {
          const rank = chosen.indexOf(s.id);
          const eligible = s.requirements.every((r) => (held.get(r.unit) ?? 0) >= r.minLevel);
          return (
            <Card key={s.id} withBorder padding="md" component="article" aria-labelledby={`slot-${s.id}`}>
              <Text fw={700} id={`slot-${s.id}`}>
                {s.title}
              </Text>
              <Text size="sm">
                {s.companyName} · {regionName(s.regionCode)}
              </Text>
              <Text size="sm">
                {fmt.date(s.startDate)} – {fmt.date(s.endDate)} · {fmt.rupiah(s.stipend)}
              </Text>
              <Text size="sm">{t('student.seats_left', { n: fmt.number(s.capacity - s.filled) })}</Text>
              {/* One line a unit, by its name: names are long, and wrap where a badge would cut them. */}
              <Stack gap={2} mt={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {s.requirements.map((r) => {
                  const level = held.get(r.unit) ?? 0;
                  const met = level >= r.minLevel;
                  return (
                    <Text key={r.unit} component="li" size="sm" c={met ? 'teal.9' : 'red.9'}>
                      {met ? '✓' : '✗'} {t('student.requirement', { unit: unitName(r.unit), min: r.minLevel, level })}
                    </Text>
                  );
                })}
              </Stack>
              <Group mt="sm">
                {rank >= 0 ? (
                  <Text size="sm" fw={500}>
                    {t('student.rank_n', { n: rank + 1 })}
                  </Text>
                ) : !eligible ? (
                  <Text size="sm">{t('student.not_eligible')}</Text>
                ) : (
                  <Button size="xs" disabled={chosen.length >= MAX_PREFERENCES || save.isPending} onClick={() => add(s.id, s.title)} aria-label={t('student.add_x', { title: s.title })}>
                    {t('student.add')}
                  </Button>
                )}
              </Group>
            </Card>
          );
        })}
        {list.data?.items.length === 0 && <Text>{t('common.empty')}</Text>}
      </Stack>
      <Pager meta={list.data?.meta} onPage={(p) => set({ page: p })} />
    </>
  );
}
