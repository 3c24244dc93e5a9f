import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { untranslatedProblems } from '../../../test/helpers/problem-texts';
import { sourceFiles } from '../../../test/helpers/source-files';
import { DIGITS_LOST } from '../../modules/imports/import-cells';
import { headerProblem } from '../../modules/imports/import-columns';
import { schoolInactiveFailure } from '../../modules/imports/import-runner.service';
import { passwordWeakness } from '../../modules/users/users.rules';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';
import * as zxcvbnId from '@zxcvbn-ts/language-id';
import { apiText, problemText } from './problem-text';

const ROOT = join(__dirname, '../../..');

/** A template literal's text with a sample value for each `${…}` in it. */
function sample(template: string): string {
  return template.replace(/\$\{[^}]*\}/g, '3601');
}

/**
 * The problems the API names a field with, as written in its source: a detail's
 * `problems: ['…']` and `ValidationFailedException.field('field', '…')`, literal or made of
 * values (`unknown region ${code}`, read with a sample value), and the validators' own messages
 * of the DTOs (`message: 'nisn must be exactly 10 digits'`). The validators' default messages
 * are met by the fuzz test (test/e2e/fuzz.e2e-spec.ts), which checks them the same way.
 */
function apiProblems(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const where = file.slice(ROOT.length + 1);
    const patterns = [
      /problems: \[\s*'([^']+)'/g,
      /problems: \[\s*`([^`]+)`/g,
      /problem: '([^']+)'/g,
      /problem: `([^`]+)`/g,
      // an import's file problems, its rows' reasons and its failures
      /new ImportFileError\(\s*'([^']+)'/g,
      /new ImportFileError\(\s*`([^`]+)`/g,
      /badFile\(\s*'([^']+)'/g,
      /\bbad\('\w+',\s*'([^']+)'/g,
      /\bbad\('\w+',\s*`([^`]+)`/g,
      /\bproblem\(\w+,\s*'\w+',\s*'([^']+)'/g,
      /markFailed\(\s*\w+,\s*`([^`]+)`/g,
    ];
    if (file.endsWith('.dto.ts')) patterns.push(/message: '([^']+)'/g);
    // a rule's problem returned as words (codes such as 'day_in_future' have no spaces)
    if (file.endsWith('.rules.ts')) patterns.push(/return '([^' ]+ [^']+)'/g);
    if (/import/.test(file)) patterns.push(/reason: '([^']+)'/g, /reason: `([^`]+)`/g);
    for (const pattern of patterns) {
      for (const m of text.matchAll(pattern)) found.set(sample(m[1]), where);
    }
    // `ValidationFailedException.field('field', …)`: every phrase in its problem, whichever its
    // quotes and however chosen (a ternary's two branches)
    for (const call of text.matchAll(/\.field\(\s*'[\w.]+',([^;]*?)\);/g)) {
      for (const m of call[1].matchAll(/'([^']*)'|"([^"]*)"|`([^`]*)`/g)) {
        const literal = m[1] ?? m[2] ?? m[3];
        // a phrase, not a word compared with (`kind === 'teacher'`)
        if (literal.includes(' ')) found.set(sample(literal), where);
      }
    }
  }
  return found;
}

/** The problems made by functions rather than written out: an import's header and failures. */
function madeProblems(): Map<string, string> {
  const header = (missing: string[], repeated: string[]) =>
    headerProblem({ missing, repeated }) ?? '';
  return new Map(
    [
      header(['nisn', 'name'], []),
      header([], ['nik']),
      header(['nisn'], ['nik']),
      schoolInactiveFailure(12, 0),
      schoolInactiveFailure(12, 500),
      DIGITS_LOST,
    ]
      .map((problem): [string, string] => [problem, 'src/modules/imports'])
      .concat(
        [
          ...(passwordWeakness('password123') ?? []),
          ...(passwordWeakness('siti.rahma1984', ['Siti Rahma']) ?? []),
        ].map((problem) => [problem, 'src/modules/users/users.rules.ts']),
      ),
  );
}

/** Every warning and suggestion zxcvbn may give, with its key, in one language's words. */
function zxcvbnAdvice(translations: typeof zxcvbnEn.translations): Map<string, string> {
  return new Map([
    ...Object.entries(translations.warnings).map(([k, v]): [string, string] => [`warning.${k}`, v]),
    ...Object.entries(translations.suggestions).map(([k, v]): [string, string] => [
      `suggestion.${k}`,
      v,
    ]),
  ]);
}

describe("the API's problems in the console's languages", () => {
  it('gives every problem the API names a field with its text in Indonesian and English', () => {
    const scanned = apiProblems();
    // the scan itself still finds what it reads (it found 143 when written)
    expect(scanned.size).toBeGreaterThan(135);
    expect(untranslatedProblems(new Map([...scanned, ...madeProblems()]))).toEqual([]);
  });

  it("gives each of zxcvbn's warnings and suggestions on a weak password in the library's own Indonesian", () => {
    const english = zxcvbnAdvice(zxcvbnEn.translations);
    const indonesian = zxcvbnAdvice(zxcvbnId.translations);
    expect(english.size).toBeGreaterThan(25);
    const shown = [...english].map(([key, text]) => [key, problemText(text, apiText('id'))]);
    expect(shown).toEqual([...english.keys()].map((key) => [key, indonesian.get(key)]));
  });
});
