import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { session } from '../auth/session';

export type Schemas = components['schemas'];

/** The one client of the API: typed by schema.d.ts, generated from ../openapi.json. */
export const api = createClient<paths>({ baseUrl: '' });

const AUTH_PATHS = /\/api\/v1\/auth\/(login|refresh|logout)$/;
const retries = new Map<string, Request>();

const auth: Middleware = {
  async onRequest({ request, id }) {
    if (AUTH_PATHS.test(new URL(request.url).pathname)) {
      return request;
    }
    const token = await session.validAccessToken();
    if (token) {
      request.headers.set('Authorization', `Bearer ${token}`);
    }
    retries.set(id, request.clone());
    return request;
  },
  async onResponse({ response, id }) {
    const original = retries.get(id);
    retries.delete(id);
    if (response.status !== 401 || !original) {
      return response;
    }
    // The access token was refused (expired early, or revoked): one refresh, one retry; a second
    // 401 signs the user out in every tab.
    const token = await session.refreshNow();
    if (!token) {
      session.signOutEverywhere();
      return response;
    }
    original.headers.set('Authorization', `Bearer ${token}`);
    const retried = await fetch(original);
    if (retried.status === 401) {
      session.signOutEverywhere();
    }
    return retried;
  },
};

api.use(auth);

/** Throws the API's error body (see errors.ts) when the call failed, else returns its data. */
export async function call<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await pending;
  if (error !== undefined || !response.ok) {
    throw toApiError(error, response);
  }
  return data as T;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

function toApiError(body: unknown, response: Response): ApiError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as {
    code?: string;
    message?: string | string[];
    details?: unknown;
  };
  const message = Array.isArray(b.message) ? b.message.join('; ') : (b.message ?? response.statusText);
  return new ApiError(response.status, b.code ?? `http_${response.status}`, message, b.details);
}
