import { Button, Card, Group, NumberInput, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { api, call } from '../../api/client';
import { useApiForm } from '../../components/form';
import { useNotify } from '../../components/notify';
import { useUnitNames } from '../../components/reference';
import { Notice } from '../../components/ui';
import { fmt, useI18n } from '../../i18n/i18n';
import { ATTITUDES, usePlacementUnits, type Placement } from './shared';

type Attitude = (typeof ATTITUDES)[number];

interface Values extends Record<string, unknown> {
  levels: Record<string, number | string>;
  attitudes: Record<Attitude, number | string>;
  notes: string;
}

/**
 * The mentor's final assessment: each of the slot's units at a level 1–5 and the work attitudes
 * 0–100. Saving it completes the placement and issues the certificate (the API does both at once).
 */
export function AssessmentForm({ placement }: { placement: Placement }) {
  const { t } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const units = usePlacementUnits(placement.id);
  const form = useApiForm<Values>({ levels: {}, attitudes: { discipline: '', teamwork: '', initiative: '', communication: '' }, notes: '' });
  const list = units.data ?? [];
  const unitField = (i: number) => `units.${i}.level`;

  async function complete(e: FormEvent) {
    e.preventDefault();
    const v = form.values;
    const body = {
      units: list.map((u) => ({ unitCode: u.code, level: Number(v.levels[u.code] ?? 0) })),
      attitudes: Object.fromEntries(ATTITUDES.map((a) => [a, Number(v.attitudes[a])])) as Record<Attitude, number>,
      notes: v.notes || undefined,
    };
    const done = await form.submit(
      () => call(api.POST('/api/v1/placements/{id}/assessment', { params: { path: { id: placement.id } }, body })),
      [...list.map((_, i) => unitField(i)), 'units', ...ATTITUDES.map((a) => `attitudes.${a}`)],
    );
    if (done) {
      notify(t('monitoring.assessment.done', { name: placement.studentName }));
      await queryClient.invalidateQueries({ queryKey: ['placement', placement.id] });
      await queryClient.invalidateQueries({ queryKey: ['placements'] });
    }
  }

  return (
    <Card withBorder maw={760}>
      <form onSubmit={(e) => void complete(e)} noValidate aria-labelledby="assessment-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="assessment-title">
            {t('monitoring.assessment.title', { name: placement.studentName })}
          </Title>
          <Text size="sm">{t('monitoring.assessment.lead')}</Text>
          <Notice message={form.notice} />
          {form.errors.units && (
            <Text size="sm" c="red.9" role="alert">
              {form.errors.units}
            </Text>
          )}
          <Title order={3} size="h5">
            {t('monitoring.assessment.units')}
          </Title>
          {list.map((u, i) => (
            <NumberInput
              key={u.code}
              label={`${u.code} · ${u.name}`}
              description={t('monitoring.assessment.level_hint', { min: u.minLevel })}
              required
              min={1}
              max={5}
              w={{ base: '100%', sm: 420 }}
              value={form.values.levels[u.code] ?? ''}
              onChange={(level) => form.setValues((old) => ({ ...old, levels: { ...old.levels, [u.code]: level } }))}
              error={form.errors[unitField(i)]}
            />
          ))}
          <Title order={3} size="h5">
            {t('monitoring.assessment.attitudes')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {ATTITUDES.map((a) => (
              <NumberInput
                key={a}
                label={t(`monitoring.assessment.attitude.${a}`)}
                required
                min={0}
                max={100}
                value={form.values.attitudes[a]}
                onChange={(score) => form.setValues((old) => ({ ...old, attitudes: { ...old.attitudes, [a]: score } }))}
                error={form.errors[`attitudes.${a}`]}
              />
            ))}
          </SimpleGrid>
          <Textarea label={t('placements.notes')} autosize minRows={2} value={form.values.notes} onChange={(e) => form.set('notes', e.currentTarget.value)} error={form.errors.notes} />
          <Group>
            <Button type="submit" loading={form.busy}>
              {t('monitoring.assessment.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** A completed placement's assessment, as the mentor gave it. */
export function AssessmentResult({ placementId }: { placementId: number }) {
  const { t } = useI18n();
  const result = useQuery({
    queryKey: ['placement', placementId, 'assessment'],
    queryFn: () => call(api.GET('/api/v1/placements/{id}/assessment', { params: { path: { id: placementId } } })),
  });
  const r = result.data;
  const unitName = useUnitNames((r?.units ?? []).map((u) => u.unitCode));
  return (
    <>
      <Notice error={result.error} />
      {r && (
        <Card withBorder maw={760}>
          <Text fw={700}>{t('monitoring.assessment.given', { at: fmt.dateTime(r.assessedAt) })}</Text>
          <Table mt="sm">
            <Table.Caption>{t('monitoring.assessment.units')}</Table.Caption>
            <Table.Tbody>
              {r.units.map((u) => (
                <Table.Tr key={u.unitCode}>
                  <Table.Th scope="row">{unitName(u.unitCode)}</Table.Th>
                  <Table.Td>{t('monitoring.level_n', { level: u.level })}</Table.Td>
                </Table.Tr>
              ))}
              {ATTITUDES.map((a) => (
                <Table.Tr key={a}>
                  <Table.Th scope="row">{t(`monitoring.assessment.attitude.${a}`)}</Table.Th>
                  <Table.Td>{fmt.number(r.attitudes[a])}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {r.notes && <Text size="sm" mt="sm">{r.notes}</Text>}
        </Card>
      )}
    </>
  );
}
