import { Button, Group } from '@mantine/core';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { download } from './download';

type Format = 'csv' | 'xlsx';

/**
 * An export's download buttons, one per format (the API's `format=` switch): CSV, and Excel with
 * typed cells. `path` is the export's URL with its query; `name` the file name without extension
 * (the API's own name wins). A failure is handed to `onError` as it came, for the page's
 * `<Notice error>` to put in the user's words (null when a download starts).
 */
export function DownloadButtons({
  path,
  name,
  onError,
  labels = {},
  vars = {},
}: {
  path: string;
  name: string;
  onError: (error: unknown) => void;
  labels?: Partial<Record<Format, MessageKey>>;
  vars?: Record<string, string | number>;
}) {
  const { t } = useI18n();
  const formats: Format[] = ['csv', 'xlsx'];
  const fallback: Record<Format, MessageKey> = { csv: 'common.download_csv', xlsx: 'common.download_xlsx' };
  return (
    <Group gap="xs">
      {formats.map((format) => (
        <Button
          key={format}
          variant="default"
          onClick={() => {
            onError(null);
            const url = `${path}${path.includes('?') ? '&' : '?'}format=${format}`;
            download(url, `${name}.${format}`).catch(onError);
          }}
        >
          {t(labels[format] ?? fallback[format], vars)}
        </Button>
      ))}
    </Group>
  );
}
