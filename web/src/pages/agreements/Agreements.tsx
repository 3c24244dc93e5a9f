import { Button, Group, Modal, MultiSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { useUser } from '../../auth/AuthProvider';
import { DataTable } from '../../components/DataTable';
import { useApiForm } from '../../components/form';
import { compact, useListParams } from '../../components/list-params';
import { CompanySelect, SchoolSelect } from '../../components/pickers';
import { useNames, usePrograms } from '../../components/reference';
import { Notice, PageTitle, Pager } from '../../components/ui';
import { useNotify } from '../../components/notify';
import { fmt, useI18n } from '../../i18n/i18n';

type Agreement = Schemas['AgreementDto'];
const EMPTY = { schoolId: '', companyId: '', documentNumber: '', validFrom: '', validUntil: '', programCodes: [] as string[] };

/** Cooperation agreements (MoU) between a school and a company, for some of the school's programmes. */
export default function Agreements() {
  const { t } = useI18n();
  const notify = useNotify();
  const user = useUser();
  const queryClient = useQueryClient();
  const programs = usePrograms();
  const { page, values, set } = useListParams(['validOn'] as const);
  const [creating, setCreating] = useState(false);
  const form = useApiForm(EMPTY);
  const list = useQuery({
    queryKey: ['agreements', page, values],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/agreements', { params: { query: compact({ page, pageSize: 20, validOn: values.validOn }) } })),
  });
  // The programmes offered are the chosen school's (its own, for a school admin).
  const schoolForPrograms = user.role === 'school_admin' ? user.schoolId : Number(form.values.schoolId) || null;
  const schoolPrograms = useQuery({
    queryKey: ['school', schoolForPrograms, 'programs'],
    enabled: schoolForPrograms !== null,
    queryFn: () => call(api.GET('/api/v1/schools/{id}/programs', { params: { path: { id: schoolForPrograms as number } } })),
  });
  const programOptions = schoolPrograms.data ? schoolPrograms.data.map((p) => ({ value: p.code, label: `${p.code} · ${p.name}` })) : (programs.data ?? []);
  const schools = useNames('school', list.data?.items.map((a) => a.schoolId) ?? []);
  const companies = useNames('company', list.data?.items.map((a) => a.companyId) ?? []);

  async function create(e: FormEvent) {
    e.preventDefault();
    const v = form.values;
    const saved = await form.submit(() =>
      call(
        api.POST('/api/v1/agreements', {
          body: {
            schoolId: v.schoolId ? Number(v.schoolId) : undefined,
            companyId: Number(v.companyId) || (undefined as unknown as number),
            documentNumber: v.documentNumber,
            validFrom: v.validFrom,
            validUntil: v.validUntil,
            programCodes: v.programCodes,
          },
        }),
      ),
    );
    if (saved) {
      setCreating(false);
      form.setValues(EMPTY);
      notify(t('agreements.created', { number: saved.documentNumber }));
      await queryClient.invalidateQueries({ queryKey: ['agreements'] });
    }
  }

  return (
    <>
      <PageTitle actions={<Button onClick={() => setCreating(true)}>{t('agreements.add')}</Button>}>{t('agreements.title')}</PageTitle>
      <Group align="end" mb="md">
        <TextInput label={t('agreements.valid_on')} type="date" value={values.validOn} onChange={(e) => set({ validOn: e.currentTarget.value })} w={200} />
      </Group>
      <Notice error={list.error} />
      <DataTable<Agreement>
        caption={t('agreements.caption')}
        rows={list.data?.items}
        rowKey={(a) => a.id}
        columns={[
          { header: t('agreements.field.documentNumber'), cell: (a) => a.documentNumber },
          { header: t('agreements.field.school'), cell: (a) => schools.get(a.schoolId) },
          { header: t('agreements.field.company'), cell: (a) => companies.get(a.companyId) },
          { header: t('agreements.field.valid'), cell: (a) => `${fmt.date(a.validFrom)} – ${fmt.date(a.validUntil)}` },
          { header: t('agreements.field.programCodes'), cell: (a) => a.programCodes.join(', ') },
        ]}
      />
      <Pager meta={list.data?.meta} onPage={(p) => set({ page: p })} />
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('agreements.new')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
        <form onSubmit={(e) => void create(e)} noValidate>
          <Stack>
            <Notice message={form.notice} />
            {user.role !== 'school_admin' && (
              <SchoolSelect label={t('agreements.field.school')} required value={form.values.schoolId} onChange={(v) => form.set('schoolId', v)} error={form.errors.schoolId} w="100%" />
            )}
            <CompanySelect label={t('agreements.field.company')} required value={form.values.companyId} onChange={(v) => form.set('companyId', v)} error={form.errors.companyId} w="100%" />
            <TextInput label={t('agreements.field.documentNumber')} required value={form.values.documentNumber} onChange={(e) => form.set('documentNumber', e.currentTarget.value)} error={form.errors.documentNumber} />
            <SimpleGrid cols={2}>
              <TextInput label={t('agreements.field.validFrom')} type="date" required value={form.values.validFrom} onChange={(e) => form.set('validFrom', e.currentTarget.value)} error={form.errors.validFrom} />
              <TextInput label={t('agreements.field.validUntil')} type="date" required value={form.values.validUntil} onChange={(e) => form.set('validUntil', e.currentTarget.value)} error={form.errors.validUntil} />
            </SimpleGrid>
            <MultiSelect label={t('agreements.field.programCodes')} required searchable data={programOptions} value={form.values.programCodes} onChange={(v) => form.set('programCodes', v)} error={form.errors.programCodes} />
            <Group>
              <Button type="submit" loading={form.busy}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
