import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { problemText } from '../../web/src/api/problems';
import { REPO_ROOT } from './test-env';

/** The console's catalogue of one language, as its i18n fills in `{name}` placeholders. */
function catalogue(locale: 'id' | 'en') {
  const texts = JSON.parse(
    readFileSync(join(REPO_ROOT, 'web/src/i18n', `${locale}.json`), 'utf8'),
  ) as Record<string, string>;
  return (code: string, vars?: Record<string, unknown>): string | undefined =>
    texts[code]?.replace(/\{(\w+)\}/g, (m, name: string) =>
      vars && name in vars ? String(vars[name]) : m,
    );
}

/**
 * What the console would fail to show of the API's field problems in its languages: a problem it
 * knows whose key a catalogue lacks, one it leaves in English in the Indonesian console, or a
 * placeholder left unfilled, each with where it was met. Empty when every one is shown translated.
 */
export function untranslatedProblems(problems: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const locale of ['id', 'en'] as const) {
    const translate = catalogue(locale);
    for (const [problem, where] of problems) {
      let missing = false;
      const text = problemText(problem, (code, vars) => {
        const result = translate(code, vars);
        // a value's word (a role's name) may be missing: the value is shown as it is
        missing ||= result === undefined && code.startsWith('problem.');
        return result;
      });
      if (missing) found.push(`${locale}: "${problem}" has no text (${where})`);
      if (text === problem && locale === 'id') {
        found.push(`"${problem}" is not translated (${where})`);
      }
      if (/\{\w+\}/.test(text)) found.push(`${locale}: "${problem}" left a placeholder (${where})`);
    }
  }
  return found;
}
