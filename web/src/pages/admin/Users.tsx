import { Button, Group, Modal, MultiSelect, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call, type Schemas } from '../../api/client';
import type { Role } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { useApiForm } from '../../components/form';
import { compact, useListParams } from '../../components/list-params';
import { CompanySelect, SchoolSelect, StudentSelect } from '../../components/pickers';
import { useNames, useRegionName, useRegions } from '../../components/reference';
import { Notice, PageTitle, Pager } from '../../components/ui';
import { useNotify } from '../../components/notify';
import { fmt, useI18n } from '../../i18n/i18n';

type User = Schemas['UserResponseDto'];
const ROLES: Role[] = ['admin', 'coordinator', 'school_admin', 'company_admin', 'student', 'teacher', 'mentor'];
// What each role is bound to (the API says which it requires): a school, a company, a student, regions.
const BINDS_SCHOOL: Role[] = ['school_admin', 'teacher'];
const BINDS_COMPANY: Role[] = ['company_admin', 'mentor'];
const EMPTY = { name: '', email: '', password: '', role: 'school_admin' as Role, schoolId: '', companyId: '', studentId: '', regionCodes: [] as string[] };

/** Accounts: each bound to what its role works on (a school, a company, a student, regions). */
export default function Users() {
  const { t } = useI18n();
  const notify = useNotify();
  const regions = useRegions();
  const queryClient = useQueryClient();
  const { page, values, set } = useListParams(['role', 'status'] as const);
  const [creating, setCreating] = useState(false);
  const form = useApiForm(EMPTY);
  const action = useApiForm({});
  const list = useQuery({
    queryKey: ['users', page, values],
    placeholderData: keepPreviousData,
    queryFn: () =>
      call(api.GET('/api/v1/users', { params: { query: compact({ page, pageSize: 20, role: values.role as Role | '', status: values.status as User['status'] | '' }) } })),
  });

  async function create(e: FormEvent) {
    e.preventDefault();
    const v = form.values;
    const saved = await form.submit(() =>
      call(
        api.POST('/api/v1/users', {
          body: {
            name: v.name,
            email: v.email,
            password: v.password,
            role: v.role,
            schoolId: BINDS_SCHOOL.includes(v.role) && v.schoolId ? Number(v.schoolId) : undefined,
            companyId: BINDS_COMPANY.includes(v.role) && v.companyId ? Number(v.companyId) : undefined,
            studentId: v.role === 'student' && v.studentId ? Number(v.studentId) : undefined,
            regionCodes: v.role === 'coordinator' && v.regionCodes.length ? v.regionCodes : undefined,
          },
        }),
      ),
    );
    if (saved) {
      setCreating(false);
      form.setValues(EMPTY);
      notify(t('users.created', { email: saved.email }));
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    }
  }

  async function disable(u: User) {
    const done = await action.submit(() => call(api.POST('/api/v1/users/{id}/disable', { params: { path: { id: u.id } } })));
    if (done) {
      notify(t('users.disabled', { email: u.email }));
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    }
  }

  const schools = useNames('school', list.data?.items.map((u) => u.schoolId) ?? []);
  const companies = useNames('company', list.data?.items.map((u) => u.companyId) ?? []);
  const students = useNames('student', list.data?.items.map((u) => u.studentId) ?? []);
  const regionName = useRegionName();
  const binding = (u: User) =>
    u.schoolId !== null
      ? schools.get(u.schoolId)
      : u.companyId !== null
        ? companies.get(u.companyId)
        : u.studentId !== null
          ? students.get(u.studentId)
          : u.regionCodes.length
            ? u.regionCodes.map(regionName).join(', ')
            : t('users.bound.all');
  const v = form.values;
  return (
    <>
      <PageTitle actions={<Button onClick={() => setCreating(true)}>{t('users.add')}</Button>}>{t('users.title')}</PageTitle>
      <Group align="end" mb="md" wrap="wrap">
        <Select label={t('users.field.role')} placeholder={t('common.all')} clearable data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} value={values.role || null} onChange={(r) => set({ role: r })} w={220} />
        <Select
          label={t('students.field.status')}
          placeholder={t('common.all')}
          clearable
          data={(['active', 'disabled'] as const).map((s) => ({ value: s, label: t(`users.status.${s}`) }))}
          value={values.status || null}
          onChange={(s) => set({ status: s })}
          w={160}
        />
      </Group>
      <Notice message={action.notice} error={list.error} />
      <DataTable<User>
        caption={t('users.caption')}
        rows={list.data?.items}
        rowKey={(u) => u.id}
        columns={[
          { header: t('users.field.name'), cell: (u) => u.name },
          { header: t('signin.email'), cell: (u) => u.email },
          { header: t('users.field.role'), cell: (u) => t(`role.${u.role}`) },
          { header: t('users.field.binding'), cell: binding },
          { header: t('students.field.status'), cell: (u) => t(`users.status.${u.status}`) },
          { header: t('users.field.createdAt'), cell: (u) => fmt.date(u.createdAt) },
          {
            header: t('common.actions'),
            cell: (u) =>
              u.status === 'active' && (
                <Button size="xs" variant="default" onClick={() => void disable(u)} aria-label={t('users.disable_x', { email: u.email })}>
                  {t('users.disable')}
                </Button>
              ),
          },
        ]}
      />
      <Pager meta={list.data?.meta} onPage={(p) => set({ page: p })} />
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('users.new')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
        <form onSubmit={(e) => void create(e)} noValidate>
          <Stack>
            <Notice message={form.notice} />
            <TextInput label={t('users.field.name')} required value={v.name} onChange={(e) => form.set('name', e.currentTarget.value)} error={form.errors.name} />
            <TextInput label={t('signin.email')} type="email" required value={v.email} onChange={(e) => form.set('email', e.currentTarget.value)} error={form.errors.email} />
            <PasswordInput label={t('users.field.password')} description={t('users.password_hint')} required value={v.password} onChange={(e) => form.set('password', e.currentTarget.value)} error={form.errors.password} />
            <Select label={t('users.field.role')} required data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} value={v.role} onChange={(r) => form.set('role', (r ?? 'school_admin') as Role)} error={form.errors.role} allowDeselect={false} />
            {BINDS_SCHOOL.includes(v.role) && <SchoolSelect label={t('users.field.school')} required value={v.schoolId} onChange={(x) => form.set('schoolId', x)} error={form.errors.schoolId} w="100%" />}
            {BINDS_COMPANY.includes(v.role) && <CompanySelect label={t('users.field.company')} required value={v.companyId} onChange={(x) => form.set('companyId', x)} error={form.errors.companyId} w="100%" />}
            {v.role === 'student' && <StudentSelect label={t('users.field.student')} required value={v.studentId} onChange={(x) => form.set('studentId', x)} error={form.errors.studentId} w="100%" />}
            {v.role === 'coordinator' && (
              <MultiSelect
                label={t('users.field.regions')}
                description={t('users.regions_hint')}
                searchable
                data={regions.data ?? []}
                value={v.regionCodes}
                onChange={(x) => form.set('regionCodes', x)}
                error={form.errors.regionCodes}
              />
            )}
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
