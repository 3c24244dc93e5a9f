import { Button, Card, Group, Image, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, call, type Schemas } from '../../api/client';
import { session } from '../../auth/session';
import { download } from '../../components/download';
import { Notice } from '../../components/ui';
import { fmt, useI18n } from '../../i18n/i18n';

export type Placement = Schemas['PlacementDto'];
export type JournalEntry = Schemas['JournalEntryDto'];
export type Attendance = Schemas['AttendanceDto'];
export type AttendanceStatus = Attendance['status'];
export const ATTENDANCE_STATUSES: AttendanceStatus[] = ['hadir', 'izin', 'sakit', 'alpa'];
export const ATTITUDES = ['discipline', 'teamwork', 'initiative', 'communication'] as const;

/** Today in Western Indonesia Time (WIB), the day the API's journal rules count in. */
export function todayWib(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** A placement in one line, as the monitoring pages head it: slot, company and period. */
export function placementLine(p: Placement): string {
  return `${p.slotTitle} · ${p.companyName} · ${fmt.date(p.startDate)} – ${fmt.date(p.endDate)}`;
}

/** The student's apprenticeship to keep the journal of: the running one, else the last completed. */
export function useMyPlacement() {
  return useQuery({
    queryKey: ['placements', 'mine', 'monitored'],
    queryFn: async () => {
      const page = await call(api.GET('/api/v1/placements', { params: { query: { pageSize: 50 } } }));
      const active = page.items.find((p) => p.status === 'active');
      const done = page.items.filter((p) => p.status === 'completed').sort((a, b) => b.endDate.localeCompare(a.endDate));
      return active ?? done[0] ?? null;
    },
  });
}

export function usePlacement(id: number) {
  return useQuery({ queryKey: ['placement', id], queryFn: () => call(api.GET('/api/v1/placements/{id}', { params: { path: { id } } })) });
}

/** The slot's units of a placement (what the journal names and the assessment scores). */
export function usePlacementUnits(id: number | undefined) {
  return useQuery({
    queryKey: ['placement', id, 'units'],
    enabled: id !== undefined,
    staleTime: 5 * 60_000,
    queryFn: () => call(api.GET('/api/v1/placements/{id}/units', { params: { path: { id: id as number } } })),
  });
}

/**
 * Sends a photo or letter (multipart, field `file`) with the bearer token. The API's error is
 * thrown as naming the `file` field (the only thing sent), so the form shows it there.
 */
export async function uploadImage(path: string, file: File): Promise<void> {
  const token = await session.validAccessToken();
  const form = new FormData();
  form.append('file', file);
  const response = await fetch(path, { method: 'PUT', body: form, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string; details?: unknown };
    const details = body.details && typeof body.details === 'object' && !Array.isArray(body.details) ? body.details : {};
    throw new ApiError(response.status, body.code ?? `http_${response.status}`, body.message ?? response.statusText, { ...details, field: 'file' });
  }
}

/**
 * An image the API serves only with the bearer token, as a data: URL (the CSP allows data:
 * images, not blob:). Fetched when shown, cached by its path.
 */
export function useAuthedImage(path: string | null, version?: string) {
  return useQuery({
    queryKey: ['image', path, version],
    enabled: path !== null,
    staleTime: Infinity,
    queryFn: async () => {
      const token = await session.validAccessToken();
      const response = await fetch(path as string, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
      if (!response.ok) {
        throw new Error(response.statusText);
      }
      const blob = await response.blob();
      return new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(reader.error ?? new Error('read'));
        reader.readAsDataURL(blob);
      });
    },
  });
}

export function AuthedImage({ path, version, alt }: { path: string; version?: string; alt: string }) {
  const image = useAuthedImage(path, version);
  return image.data ? <Image src={image.data} alt={alt} mah={220} w="auto" fit="contain" radius="sm" /> : null;
}

/** The certificate of a completed placement: its code, the public check, the PDF. */
export function CertificateCard({ placementId }: { placementId: number }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const certificate = useQuery({
    queryKey: ['placement', placementId, 'certificate'],
    queryFn: () => call(api.GET('/api/v1/placements/{id}/certificate', { params: { path: { id: placementId } } })),
  });
  const c = certificate.data;
  if (!c) {
    return <Notice error={certificate.error instanceof ApiError && certificate.error.status === 404 ? null : certificate.error} />;
  }
  return (
    <Card withBorder mb="md" component="section" aria-labelledby="certificate-title">
      <Text fw={700} id="certificate-title">
        {t('monitoring.certificate.title')}
      </Text>
      <Text size="sm">{t('monitoring.certificate.issued', { at: fmt.date(c.issuedAt) })}</Text>
      <Text size="sm">
        {t('monitoring.certificate.code')}: <code>{c.code}</code>
      </Text>
      <Text size="sm">{c.units.map((u) => `${u.code} · ${u.name} (${t('monitoring.level_n', { level: u.level })})`).join('; ')}</Text>
      <Notice error={error} />
      <Group mt="sm" gap="sm">
        <Button
          size="sm"
          onClick={() => {
            setError(null);
            download(`/api/v1/placements/${placementId}/certificate/pdf`, `sertifikat-${placementId}.pdf`).catch(setError);
          }}
        >
          {t('monitoring.certificate.download')}
        </Button>
        <Button size="sm" variant="default" component="a" href={`/verify/${c.code}`} target="_blank">
          {t('monitoring.certificate.verify')}
        </Button>
      </Group>
    </Card>
  );
}

/** A placement's attendance totals and rate. */
export function AttendanceTotals({ placementId }: { placementId: number }) {
  const { t } = useI18n();
  const summary = useQuery({
    queryKey: ['placement', placementId, 'attendance', 'summary'],
    queryFn: () => call(api.GET('/api/v1/placements/{id}/attendance/summary', { params: { path: { id: placementId } } })),
  });
  const s = summary.data;
  return (
    <Card withBorder mb="md" component="section" aria-labelledby={`totals-${placementId}`}>
      <Text fw={700} id={`totals-${placementId}`}>
        {t('monitoring.attendance.totals')}
      </Text>
      <Group gap="md" mt="xs" wrap="wrap">
        {ATTENDANCE_STATUSES.map((st) => (
          <Text key={st} size="sm" data-testid={`attendance.${st}`}>
            {t(`monitoring.attendance.status.${st}`)}: <b>{fmt.number(s?.[st])}</b>
          </Text>
        ))}
      </Group>
      <Text size="sm" mt="xs">
        {t('monitoring.attendance.rate', { rate: s?.rate === null || s?.rate === undefined ? '–' : fmt.percent(s.rate / 100), confirmed: fmt.number(s?.confirmed), recorded: fmt.number(s?.recorded) })}
      </Text>
    </Card>
  );
}
