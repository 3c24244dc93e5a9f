import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { problemText } from '../../../web/src/api/problems';

const ROOT = join(__dirname, '../../..');

/** Every non-spec TypeScript file under src. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * The problems the API names a field with, as written in its source: a detail's
 * `problems: ['…']` and `ValidationFailedException.field('field', '…')`. Problems made of
 * values (`unknown region ${code}`) are not literals and are not read here.
 */
function apiProblems(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sources(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of [/problems: \['([^']+)'\]/g, /\.field\(\s*'[\w.]+',\s*'([^']+)'/g]) {
      for (const m of text.matchAll(pattern)) found.set(m[1], file.slice(ROOT.length + 1));
    }
  }
  return found;
}

function catalogue(locale: 'id' | 'en') {
  const texts = JSON.parse(
    readFileSync(join(ROOT, 'web/src/i18n', `${locale}.json`), 'utf8'),
  ) as Record<string, string>;
  return (code: string, vars?: Record<string, unknown>): string | undefined =>
    texts[code]?.replace(/\{(\w+)\}/g, (m, name: string) =>
      vars && name in vars ? String(vars[name]) : m,
    );
}

describe("the API's problems in the console's languages", () => {
  it('gives every problem the API names a field with its text in Indonesian and English', () => {
    const problems = apiProblems();
    // the scan itself still finds what it reads (it found 40 when written)
    expect(problems.size).toBeGreaterThan(35);
    const untranslated: string[] = [];
    for (const locale of ['id', 'en'] as const) {
      const translate = catalogue(locale);
      for (const [problem, file] of problems) {
        // a problem the console knows, whose key this catalogue lacks
        let missing = false;
        const text = problemText(problem, (code, vars) => {
          const found = translate(code, vars);
          missing ||= found === undefined;
          return found;
        });
        if (missing) untranslated.push(`${locale}: ${problem} has no text`);
        if (text === problem && locale === 'id') untranslated.push(`${problem} (${file})`);
        if (text.includes('{')) untranslated.push(`${locale}: ${problem} left a placeholder`);
      }
    }
    expect(untranslated).toEqual([]);
  });
});
