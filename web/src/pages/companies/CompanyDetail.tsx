import { Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import { useUser } from '../../auth/AuthProvider';
import { useApiForm } from '../../components/form';
import { useRegions } from '../../components/reference';
import { Notice, PageTitle } from '../../components/ui';
import { useNotify } from '../../components/notify';
import { fmt, useI18n } from '../../i18n/i18n';

const EMPTY = {
  name: '',
  nib: '',
  kbliCode: '',
  regionCode: '',
  address: '',
  workforceSize: '' as number | string,
  contactName: '',
  contactEmail: '',
  contactPhone: '',
};

/** A company's profile: its admin keeps it current; the apprentice limit follows its workforce. */
export default function CompanyDetail() {
  const { t } = useI18n();
  const notify = useNotify();
  const user = useUser();
  const params = useParams();
  const id = Number(params.id ?? user.companyId);
  const queryClient = useQueryClient();
  const regions = useRegions();
  const company = useQuery({
    queryKey: ['company', id],
    queryFn: () => call(api.GET('/api/v1/companies/{id}', { params: { path: { id } } })),
  });
  const form = useApiForm(EMPTY);
  const { values, set, errors } = form;
  useEffect(() => {
    const c = company.data;
    if (c) {
      form.setValues({
        name: c.name,
        nib: c.nib,
        kbliCode: c.kbliCode,
        regionCode: c.regionCode,
        address: c.address,
        workforceSize: c.workforceSize,
        contactName: c.contactName,
        contactEmail: c.contactEmail,
        contactPhone: c.contactPhone,
      });
    }
  }, [company.data]);

  async function save(e: FormEvent) {
    e.preventDefault();
    // Only what changed is sent: a PATCH, and some fields are not every role's to change.
    const loaded = company.data as NonNullable<typeof company.data>;
    const next = { ...values, workforceSize: values.workforceSize === '' ? undefined : Number(values.workforceSize) };
    const body = Object.fromEntries(Object.entries(next).filter(([k, v]) => v !== loaded[k as keyof typeof loaded]));
    const saved = await form.submit(() => call(api.PATCH('/api/v1/companies/{id}', { params: { path: { id } }, body })));
    if (saved) {
      queryClient.setQueryData(['company', id], saved);
      await queryClient.invalidateQueries({ queryKey: ['companies'] });
      notify(t('companies.saved', { name: saved.name }));
    }
  }

  const c = company.data;
  return (
    <>
      <PageTitle>{c?.name ?? t('companies.profile')}</PageTitle>
      <Notice message={form.notice} error={company.error} />
      {c && (
        <Text mb="md">
          {t('companies.limit_line', { limit: fmt.number(c.apprenticeLimit), workforce: fmt.number(c.workforceSize) })}{' '}
          {c.verifiedAt ? t('companies.verified_on', { at: fmt.date(c.verifiedAt) }) : t('companies.verified.false')}
        </Text>
      )}
      <Paper withBorder p="lg" maw={860}>
        <form onSubmit={(e) => void save(e)} noValidate>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('companies.field.name')} required value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} />
              <TextInput label={t('companies.field.nib')} required inputMode="numeric" value={values.nib} onChange={(e) => set('nib', e.currentTarget.value)} error={errors.nib} />
              <TextInput label={t('companies.field.kbliCode')} required value={values.kbliCode} onChange={(e) => set('kbliCode', e.currentTarget.value)} error={errors.kbliCode} />
              <Select label={t('dashboard.region')} required searchable data={regions.data ?? []} value={values.regionCode || null} onChange={(v) => set('regionCode', v ?? '')} error={errors.regionCode} />
              <TextInput label={t('companies.field.address')} value={values.address} onChange={(e) => set('address', e.currentTarget.value)} error={errors.address} />
              <NumberInput label={t('companies.field.workforceSize')} min={1} value={values.workforceSize} onChange={(v) => set('workforceSize', v)} error={errors.workforceSize} />
              <TextInput label={t('companies.field.contactName')} value={values.contactName} onChange={(e) => set('contactName', e.currentTarget.value)} error={errors.contactName} />
              <TextInput label={t('companies.field.contactEmail')} type="email" value={values.contactEmail} onChange={(e) => set('contactEmail', e.currentTarget.value)} error={errors.contactEmail} />
              <TextInput label={t('companies.field.contactPhone')} type="tel" value={values.contactPhone} onChange={(e) => set('contactPhone', e.currentTarget.value)} error={errors.contactPhone} />
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={form.busy}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
