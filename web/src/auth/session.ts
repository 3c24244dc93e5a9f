import type { components } from '../api/schema';

export type User = components['schemas']['UserResponseDto'];
export type Role = User['role'];
type TokenPair = components['schemas']['TokenPairDto'];

/*
 * The access token lives in this module's memory only: a reload or a new tab never finds it in
 * storage. The refresh token is kept in sessionStorage: it survives a reload of this tab (so F5
 * does not sign the user out), dies with the tab, and is never shared with other tabs or
 * written to disk like localStorage. Script injection could read it as it could read memory;
 * the strict CSP (no inline script, same-origin scripts only) is the defence against that.
 */
const REFRESH_KEY = 'smk.refresh';
const EARLY_MS = 30_000;
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('smk-auth');

let accessToken: string | null = null;
let expiresAt = 0;
let refreshing: Promise<string | null> | null = null;
const listeners = new Set<() => void>();

function store(pair: TokenPair): string {
  accessToken = pair.accessToken;
  expiresAt = Date.now() + pair.expiresIn * 1000;
  sessionStorage.setItem(REFRESH_KEY, pair.refreshToken);
  return pair.accessToken;
}

function clear(): void {
  accessToken = null;
  expiresAt = 0;
  sessionStorage.removeItem(REFRESH_KEY);
  listeners.forEach((l) => l());
}

async function postJson(path: string, body: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

channel?.addEventListener('message', (e: MessageEvent) => {
  if (e.data === 'signed-out') {
    clear();
  }
});

export const session = {
  hasRefreshToken: (): boolean => sessionStorage.getItem(REFRESH_KEY) !== null,

  /** This tab's refresh token: a password change names it, so this session stays signed in. */
  currentRefreshToken: (): string | undefined => sessionStorage.getItem(REFRESH_KEY) ?? undefined,

  /** Signs in: the API's own error body is returned for the page to show. */
  async signIn(email: string, password: string): Promise<{ ok: true } | { ok: false; body: unknown; status: number }> {
    const res = await postJson('/api/v1/auth/login', { email, password });
    const body: unknown = await res.json().catch(() => ({}));
    if (!res.ok) {
      return { ok: false, body, status: res.status };
    }
    store(body as TokenPair);
    return { ok: true };
  },

  /** The access token, refreshed first when it expires within 30 s. */
  async validAccessToken(): Promise<string | null> {
    if (accessToken && Date.now() < expiresAt - EARLY_MS) {
      return accessToken;
    }
    return session.hasRefreshToken() ? session.refreshNow() : accessToken;
  },

  /** One refresh at a time: concurrent callers share it. Null when the refresh was refused. */
  refreshNow(): Promise<string | null> {
    refreshing ??= (async () => {
      const refreshToken = sessionStorage.getItem(REFRESH_KEY);
      if (!refreshToken) {
        return null;
      }
      const res = await postJson('/api/v1/auth/refresh', { refreshToken }).catch(() => null);
      if (!res?.ok) {
        return null;
      }
      return store((await res.json()) as TokenPair);
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  },

  /** Sign-out: revokes the refresh token, then forgets both tokens in every tab. */
  async signOut(): Promise<void> {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    if (refreshToken) {
      await postJson('/api/v1/auth/logout', { refreshToken }).catch(() => undefined);
    }
    session.signOutEverywhere();
  },

  signOutEverywhere(): void {
    clear();
    channel?.postMessage('signed-out');
  },

  onSignOut(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
