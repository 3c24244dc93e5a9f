import { apiText, LOCALES, problemText } from '../../src/common/i18n/problem-text';

/**
 * What the console and the API's files would fail to show of the API's problems in their
 * languages: a problem known whose key the API's catalogue lacks, one left in English in
 * Indonesian, or a placeholder left unfilled, each with where it was met. Empty when every one is
 * shown translated.
 */
export function untranslatedProblems(problems: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const locale of LOCALES) {
    const translate = apiText(locale);
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
