import { session } from '../auth/session';
import { ApiError } from '../api/client';

/**
 * Downloads a file the API makes (CSV exports): fetched with the bearer token, which a plain
 * link cannot send, then handed to the browser under the API's file name.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  const token = await session.validAccessToken();
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string; details?: unknown };
    throw new ApiError(response.status, body.code ?? `http_${response.status}`, body.message ?? response.statusText, body.details);
  }
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
