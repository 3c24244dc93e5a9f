/**
 * A small HTTP client for a whole matching round, shared by the demo (scripts/demo-round.ts)
 * and the round benchmark (bench/round/run.ts): wait for /health, sign in, create a
 * coordinator, start a round, follow it to the end, publish it, and print what it did.
 */
import type { RoundStats } from '../src/modules/matching/round-runner.service';

export interface Run {
  id: number;
  status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
  stage: string;
  progress: number;
  stats: RoundStats | null;
  timings: Record<string, number> | null;
  error: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${JSON.stringify(body).slice(0, 500)}`);
  }
}

export class RoundClient {
  private token = '';

  constructor(private readonly baseUrl: string) {}

  async call<T>(
    method: string,
    path: string,
    body?: unknown,
    expect: number[] = [200],
  ): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (!expect.includes(response.status)) {
      throw new ApiError(response.status, parsed, `${method} ${path}`);
    }
    return parsed as T;
  }

  /** Polls /health until it answers 200 (MySQL and Redis up) or the deadline passes. */
  async waitHealthy(timeoutMs: number, alive: () => boolean = () => true): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (!alive()) {
        throw new Error('the app exited before it became healthy');
      }
      try {
        const response = await fetch(`${this.baseUrl}/health`);
        if (response.status === 200) {
          return;
        }
        last = `HTTP ${response.status}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await pause(250);
    }
    throw new Error(`${this.baseUrl}/health not healthy after ${timeoutMs} ms (${last})`);
  }

  async login(email: string, password: string): Promise<void> {
    this.token = '';
    const tokens = await this.call<{ accessToken: string }>('POST', '/api/v1/auth/login', {
      email,
      password,
    });
    this.token = tokens.accessToken;
  }

  /** Signs in as the admin, creates the coordinator if missing, then signs in as them. */
  async signInAsCoordinator(
    admin: { email: string; password: string },
    coordinator: { email: string; password: string },
  ): Promise<void> {
    await this.login(admin.email, admin.password);
    await this.call(
      'POST',
      '/api/v1/users',
      { ...coordinator, name: coordinator.email.split('@')[0], role: 'coordinator' },
      [201, 409],
    );
    await this.login(coordinator.email, coordinator.password);
  }

  async regionNames(): Promise<Map<string, string>> {
    const body = await this.call<
      { code: string; name: string }[] | { items: { code: string; name: string }[] }
    >('GET', '/api/v1/regions?pageSize=100');
    const rows = Array.isArray(body) ? body : body.items;
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  async startRound(body: unknown): Promise<number> {
    const created = await this.call<{ id: number }>('POST', '/api/v1/matching-runs', body, [202]);
    return created.id;
  }

  /** Follows a run until it ends, reporting each new stage. */
  async follow(
    id: number,
    timeoutMs: number,
    onStage: (run: Run) => void = () => undefined,
  ): Promise<Run> {
    const deadline = Date.now() + timeoutMs;
    let seen = '';
    while (Date.now() < deadline) {
      const run = await this.call<Run>('GET', `/api/v1/matching-runs/${id}`);
      if (`${run.status}/${run.stage}` !== seen) {
        seen = `${run.status}/${run.stage}`;
        onStage(run);
      }
      if (run.status === 'completed' || run.status === 'failed' || run.status === 'cancelled') {
        return run;
      }
      await pause(200);
    }
    throw new Error(`round ${id} did not finish within ${timeoutMs} ms`);
  }

  publish(id: number): Promise<{ offered: number; skipped: number }> {
    return this.call('POST', `/api/v1/matching-runs/${id}/publish`);
  }
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A plain text table: first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  return [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.slice(1).map(line),
  ].join('\n');
}

const pct = (part: number, whole: number) =>
  whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : '-';

/** The round's outcome: per region, overall, unmatched by reason. */
export function outcomeTables(run: Run, regions: Map<string, string>): string {
  const s = run.stats;
  if (!s) {
    return `round ${run.id}: ${run.status}${run.error ? ` (${run.error})` : ''}`;
  }
  const perRegion = [...s.perRegion].sort((a, b) => a.regionCode.localeCompare(b.regionCode));
  const regionRows = perRegion.map((r) => [
    `${r.regionCode} ${regions.get(r.regionCode) ?? ''}`.trim(),
    r.students,
    r.matched,
    pct(r.matched, r.students),
    r.averageScore.toFixed(3),
  ]);
  regionRows.push([
    'all regions',
    s.students,
    s.matched,
    pct(s.matched, s.students),
    s.averageScore.toFixed(3),
  ]);
  const reasons = Object.entries(s.unmatchedByReason).sort((a, b) => b[1] - a[1]);
  return [
    `Matched share by region (round ${run.id})`,
    table(['region', 'graduates', 'matched', 'share', 'avg fit'], regionRows),
    '',
    table(
      ['overall', 'value'],
      [
        ['graduates in scope', s.students],
        ['eligible for at least one slot', s.eligible],
        ['matched', `${s.matched} (${pct(s.matched, s.students)})`],
        ['unmatched', s.unmatched],
        ['average fit (score)', s.averageScore.toFixed(3)],
        ['average rank of the matched slot', s.averageRank.toFixed(2)],
      ],
    ),
    '',
    table(['unmatched by reason', 'graduates'], reasons.length > 0 ? reasons : [['(none)', 0]]),
  ].join('\n');
}

/** Time per stage as the worker recorded it, plus the wall time the client saw. */
export function timingTable(run: Run, extra: [string, number][] = []): string {
  const rows: [string, number][] = Object.entries(run.timings ?? {});
  return table(
    ['stage', 'ms'],
    [...rows, ...extra].map(([k, v]) => [k, Math.round(v).toLocaleString('en-US')]),
  );
}
