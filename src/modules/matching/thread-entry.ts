import { dirname, extname, join } from 'node:path';

/**
 * How a worker thread loads module `name` of the caller's folder (`callerFile`, the caller's
 * __filename): compiled (dist), its .js as it is; from the TypeScript sources, its .ts under a
 * require hook, the one this process was started with (`-r`) where it was, else
 * @swc-node/register (Jest transforms in its own process, and gives a thread no hook).
 */
export function threadEntry(
  callerFile: string,
  name: string,
): { file: string; execArgv: string[] } {
  const ext = extname(callerFile);
  const file = join(dirname(callerFile), `${name}${ext}`);
  if (ext !== '.ts') return { file, execArgv: [] };
  const hooks: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    if ((argv[i] === '-r' || argv[i] === '--require') && i + 1 < argv.length) {
      hooks.push('-r', argv[++i]);
    } else if (argv[i].startsWith('--require=')) {
      hooks.push('-r', argv[i].slice('--require='.length));
    }
  }
  return { file, execArgv: hooks.length > 0 ? hooks : ['-r', '@swc-node/register'] };
}
