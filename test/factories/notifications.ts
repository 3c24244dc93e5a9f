import { createServer, IncomingHttpHeaders, Server } from 'node:http';

export interface ReceivedEvent {
  status: number;
  headers: IncomingHttpHeaders;
  body: {
    id: string;
    idempotencyKey: string;
    type: string;
    occurredAt: string;
    data: Record<string, unknown>;
  };
}

/**
 * A webhook receiver on a free local port. It answers 503 to the first `failFirst` requests
 * for each idempotency key, then 200, and records every request, so a test can count the
 * successful deliveries per key.
 */
export class WebhookReceiver {
  readonly requests: ReceivedEvent[] = [];
  private server: Server | undefined;
  private readonly seen = new Map<string, number>();

  constructor(private readonly failFirst = 0) {}

  get url(): string {
    const address = this.server?.address();
    if (!address || typeof address === 'string') {
      throw new Error('receiver not started');
    }
    return `http://127.0.0.1:${address.port}/hooks/smk`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedEvent['body'];
        const key = String(req.headers['idempotency-key']);
        const n = (this.seen.get(key) ?? 0) + 1;
        this.seen.set(key, n);
        const status = n <= this.failFirst ? 503 : 200;
        this.requests.push({ status, headers: req.headers, body });
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ ok: status === 200 }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Successful (200) deliveries per idempotency key. */
  deliveredByKey(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of this.requests.filter((x) => x.status === 200)) {
      const key = String(r.headers['idempotency-key']);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }
}

/** Runs `work` (an app's boot, which reads the configuration) with some variables set. */
export async function withEnv<T>(vars: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await work();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) {
        delete process.env[k];
      } else {
        process.env[k] = v;
      }
    }
  }
}
