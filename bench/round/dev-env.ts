import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The services' addresses and the development settings, as scripts/with-env.sh gives them. */
export function devEnvironment(): Record<string, string> {
  const text = execFileSync('bash', ['scripts/with-env.sh', 'env'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) {
      env[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return env;
}
