import { Alert, Badge, Group, Pagination, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { explainError } from '../api/errors';
import { problemText } from '../../../src/common/i18n/problem-text';
import { fmt, useI18n } from '../i18n/i18n';
import { useMediaQuery } from '@mantine/hooks';

export function PageTitle({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" mb="md" wrap="wrap">
      <Title order={1} size="h2">
        {children}
      </Title>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}

/**
 * A page's notice: `message`, else the user's words for `problem` (a failure the API recorded as
 * text: an import's, a round's), else for `error` (a query's failure: the API's error by its
 * code, or no answer at all), else nothing.
 */
export function Notice({
  message,
  problem,
  error,
  title,
}: {
  message?: string | null;
  problem?: string | null;
  error?: unknown;
  title?: string;
}) {
  const { maybe } = useI18n();
  const text = message || (problem ? problemText(problem, maybe) : null) || (error ? explainError(error, [], maybe).notice : null);
  if (!text) {
    return null;
  }
  return (
    <Alert color="red" variant="light" title={title} role="alert" mb="md">
      <Text size="sm" c="red.9">
        {text}
      </Text>
    </Alert>
  );
}

/** The API's page meta as "1–20 of 1.234" and page buttons with accessible names. */
export function Pager({
  meta,
  onPage,
}: {
  meta: { page: number; pageSize: number; total: number } | undefined;
  onPage: (page: number) => void;
}) {
  const { t } = useI18n();
  if (!meta) {
    return null;
  }
  const pages = Math.max(1, Math.ceil(meta.total / meta.pageSize));
  const from = meta.total === 0 ? 0 : (meta.page - 1) * meta.pageSize + 1;
  const to = Math.min(meta.total, meta.page * meta.pageSize);
  return (
    <Group justify="space-between" mt="md" wrap="wrap">
      <Text size="sm" aria-live="polite">
        {t('common.range', { from: fmt.number(from), to: fmt.number(to), total: fmt.number(meta.total) })}
      </Text>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={meta.page}
          onChange={onPage}
          siblings={1}
          size="sm"
          aria-label={t('common.pagination')}
          getControlProps={(control) => ({
            'aria-label': t(`common.page_${control}` as 'common.page_next'),
          })}
          getItemProps={(page) => ({ 'aria-label': t('common.page_n', { page }) })}
        />
      )}
    </Group>
  );
}

const STATUS_COLORS: Record<string, string> = {
  enrolled: 'blue',
  graduated: 'teal',
  withdrawn: 'gray',
  queued: 'gray',
  running: 'blue',
  completed: 'teal',
  failed: 'red',
  cancelled: 'gray',
  draft: 'gray',
  open: 'teal',
  closed: 'dark',
  proposed: 'gray',
  offered: 'yellow',
  accepted: 'blue',
  active: 'teal',
  declined: 'red',
  terminated: 'red',
  journal_submitted: 'yellow',
  journal_approved: 'teal',
  journal_returned: 'red',
  attendance_hadir: 'teal',
  attendance_izin: 'blue',
  attendance_sakit: 'yellow',
  attendance_alpa: 'red',
  certificate_valid: 'teal',
  certificate_revoked: 'red',
};

export function StatusBadge({ status }: { status: string }) {
  const { maybe } = useI18n();
  return (
    // Light badge, dark text: the colour codes the state, the text stays readable (WCAG AA).
    // Never truncated: on a phone the state is the thing to read ("DITE…" is not a state).
    <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="light" c="dark.9" styles={{ root: { flexShrink: 0, maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible' } }}>
      {maybe(`status.${status}`) ?? status}
    </Badge>
  );
}

/** Whether the screen is a phone's (Mantine's `sm` breakpoint and below), where layouts fold. */
export function usePhone(): boolean {
  return useMediaQuery('(max-width: 48em)');
}
