import { ChildProcess, spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { eventually, unusedPort } from '../helpers/poll';
import { REPO_ROOT } from '../helpers/test-env';

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('Graceful shutdown of the API (e2e)', () => {
  let api: ChildProcess | undefined;
  afterAll(() => api?.kill('SIGKILL'));

  it('answers a request already in flight when SIGTERM arrives, then exits cleanly', async () => {
    const port = await unusedPort();
    api = spawn(process.execPath, ['-r', '@swc-node/register', join(REPO_ROOT, 'src/main.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: String(port), RUN_WORKER: 'false' },
      stdio: 'ignore',
    });
    // Nest closes everything, then re-raises the signal: a clean end shows as exit by SIGTERM.
    const exited = new Promise<string>((resolve) =>
      api?.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)),
    );
    await eventually('the API to listen', () => accepts(port), 60_000);

    // A login whose body is only half sent: the request is in flight. The server's "100
    // Continue" shows it has read the headers, so the signal cannot come before the request
    // reached it (on a busy machine it once did, and the connection, still idle, was closed).
    const body = JSON.stringify({ email: 'nobody@test.local', password: 'not-the-password' });
    const answer = new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/auth/login',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            expect: '100-continue',
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.once('error', reject);
      req.flushHeaders();
      req.once('continue', () => {
        req.write(body.slice(0, 10));
        api?.kill('SIGTERM');
        // Once the listener is closed, new connections are refused: the signal has been handled.
        void eventually('the listener to close', async () => !(await accepts(port)), 10_000).then(
          () => req.end(body.slice(10)),
          reject,
        );
      });
    });

    expect(await answer).toBe(401);
    expect(await exited).toBe('SIGTERM');
  }, 90_000);
});
