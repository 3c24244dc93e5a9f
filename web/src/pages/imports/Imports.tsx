import { Anchor, Button, FileInput, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, call } from '../../api/client';
import { useApiForm } from '../../components/form';
import { useListParams } from '../../components/list-params';
import { Notice, PageTitle, Pager, StatusBadge } from '../../components/ui';
import { TableFrame } from '../../components/DataTable';
import { fmt, useI18n } from '../../i18n/i18n';

export default function Imports() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { page, set } = useListParams([]);
  const [file, setFile] = useState<File | null>(null);
  const form = useApiForm({ file: '' });
  const list = useQuery({
    queryKey: ['imports', page],
    placeholderData: keepPreviousData,
    queryFn: () => call(api.GET('/api/v1/imports', { params: { query: { page, pageSize: 10, kind: 'students' } } })),
  });

  async function upload(e: FormEvent) {
    e.preventDefault();
    const accepted = await form.submit(async () => {
      if (!file) {
        throw new Error(t('imports.choose_file'));
      }
      const data = new FormData();
      data.append('file', file);
      return call(
        api.POST('/api/v1/imports/students', {
          // multipart/form-data: the browser writes the boundary, so the body goes as it is.
          body: data as unknown as { file: string },
          bodySerializer: (b) => b as unknown as FormData,
        }),
      );
    });
    if (accepted) {
      void navigate(`/imports/${accepted.id}`);
    }
  }

  return (
    <>
      <PageTitle>{t('imports.title')}</PageTitle>
      <Paper withBorder p="lg" mb="lg" maw={640}>
        <form onSubmit={(e) => void upload(e)}>
          <Stack>
            <Text size="sm">{t('imports.columns')}</Text>
            <Notice message={form.notice} />
            <FileInput
              label={t('imports.file')}
              accept=".csv,text/csv"
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear_file') }}
              value={file}
              onChange={setFile}
              error={form.errors.file}
            />
            <Group>
              <Button type="submit" loading={form.busy}>
                {t('imports.upload')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <TableFrame label={t('imports.recent')} minWidth={640}>
        <Table striped>
          <Table.Caption>{t('imports.recent')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.file')}</Table.Th>
              <Table.Th>{t('imports.started')}</Table.Th>
              <Table.Th>{t('students.field.status')}</Table.Th>
              <Table.Th>{t('imports.rows')}</Table.Th>
              <Table.Th>{t('imports.rejected')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/imports/${i.id}`}>
                    {i.fileName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{fmt.dateTime(i.createdAt)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={i.status} />
                </Table.Td>
                <Table.Td>{fmt.number(i.totalRows)}</Table.Td>
                <Table.Td>{fmt.number(i.rejected)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableFrame>
      <Pager meta={list.data?.meta} onPage={(p) => set({ page: p })} />
    </>
  );
}
