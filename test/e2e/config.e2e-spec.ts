import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/test-env';

/** Starts the real entry point in a child process with the given environment changes. */
function startApi(changes: Record<string, string | undefined>): {
  status: number | null;
  stderr: string;
} {
  const env: Record<string, string | undefined> = { ...process.env, PORT: '0', ...changes };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) {
      delete env[key];
    }
  }
  const result = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', join(REPO_ROOT, 'src/main.ts')],
    {
      cwd: REPO_ROOT,
      env: env,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: result.status, stderr: result.stderr };
}

describe('Configuration at boot (e2e)', () => {
  it('refuses to start without a JWT secret, naming it', () => {
    const result = startApi({ JWT_ACCESS_SECRET: undefined });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('JWT_ACCESS_SECRET is missing');
  });

  it('refuses a malformed encryption key and port, naming both', () => {
    const result = startApi({ ENCRYPTION_KEY: 'not-hex', DB_PORT: 'three' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ENCRYPTION_KEY must be 64 hexadecimal characters');
    expect(result.stderr).toContain('DB_PORT');
  });
});
