import { Button, Checkbox, Group, MultiSelect, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, call, type Schemas } from '../../api/client';
import { useApiForm } from '../../components/form';
import { useRegions } from '../../components/reference';
import { Notice, PageTitle } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';

type Policy = NonNullable<Schemas['EngineOptionsDto']['regionPolicy']>;
const POLICIES: Policy[] = ['prefer_same', 'same_region', 'same_province', 'any'];

export default function RoundNew() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const regions = useRegions();
  const form = useApiForm({
    mode: 'stable' as 'stable' | 'optimal',
    graduationYear: String(new Date().getFullYear()),
    regionCodes: [] as string[],
    onlyUnplaced: true,
    regionPolicy: 'prefer_same' as Policy,
    offerDays: '14',
  });
  const { values, set, errors } = form;

  async function start(e: FormEvent) {
    e.preventDefault();
    const created = await form.submit(
      () =>
        call(
          api.POST('/api/v1/matching-runs', {
            body: {
              mode: values.mode,
              scope: {
                graduationYear: values.graduationYear ? Number(values.graduationYear) : undefined,
                regionCodes: values.regionCodes.length > 0 ? values.regionCodes : undefined,
                onlyUnplaced: values.onlyUnplaced,
              },
              options: { regionPolicy: values.regionPolicy },
              offerDays: values.offerDays ? Number(values.offerDays) : undefined,
            },
          }),
        ),
      ['scope', 'options'],
    );
    if (created) {
      await queryClient.invalidateQueries({ queryKey: ['rounds'] });
      void navigate(`/rounds/${created.id}`);
    }
  }

  return (
    <>
      <PageTitle>{t('rounds.new.title')}</PageTitle>
      <Notice message={form.notice ?? errors.scope ?? errors.options} />
      <Paper withBorder p="lg" maw={760}>
        <form onSubmit={(e) => void start(e)} noValidate>
          <Stack>
            <div>
              <Text size="sm" fw={500} id="mode-label" mb={4}>
                {t('rounds.mode')}
              </Text>
              <SegmentedControl
                aria-labelledby="mode-label"
                value={values.mode}
                onChange={(v) => set('mode', v)}
                data={[
                  { value: 'stable', label: t('rounds.mode.stable') },
                  { value: 'optimal', label: t('rounds.mode.optimal') },
                ]}
                // On a phone the two methods stand one above the other rather than past the card.
                style={{ flexWrap: 'wrap' }}
              />
              <Text size="xs" mt={4}>
                {t(`rounds.mode_hint.${values.mode}`)}
              </Text>
            </div>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('students.field.graduationYear')} inputMode="numeric" value={values.graduationYear} onChange={(e) => set('graduationYear', e.currentTarget.value)} error={errors.graduationYear} />
              <TextInput label={t('rounds.offer_days')} inputMode="numeric" value={values.offerDays} onChange={(e) => set('offerDays', e.currentTarget.value)} error={errors.offerDays} />
              <MultiSelect
                label={t('rounds.regions')}
                placeholder={t('rounds.regions_all')}
                data={regions.data ?? []}
                value={values.regionCodes}
                onChange={(v) => set('regionCodes', v)}
                error={errors.regionCodes}
                searchable
                clearable
              />
              <Select
                label={t('rounds.region_policy')}
                data={POLICIES.map((p) => ({ value: p, label: t(`rounds.policy.${p}`) }))}
                value={values.regionPolicy}
                onChange={(v) => set('regionPolicy', (v ?? 'prefer_same'))}
              />
            </SimpleGrid>
            <Checkbox label={t('rounds.only_unplaced')} checked={values.onlyUnplaced} onChange={(e) => set('onlyUnplaced', e.currentTarget.checked)} />
            <Group>
              <Button type="submit" loading={form.busy}>
                {t('rounds.start')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
