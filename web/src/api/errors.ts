import { ApiError } from './client';
import { fmt } from '../i18n/i18n';
import { problemText } from '../../../src/common/i18n/problem-text';

export type FieldErrors = Record<string, string>;

/**
 * The one place that reads the API's error body `{ code, message, details }`:
 * `details: [{ field, problems }]` (validation) lands on the form's fields, a rule's
 * `details: { field }` on that field; everything else becomes the notice above the form.
 * `translate` turns a code into the catalogue's text, or undefined for a code it does not know,
 * in which case its HTTP status's text is shown (error-texts.spec: every code the API's features
 * make has its own, every status a text).
 */
export function explainError(
  error: unknown,
  fields: readonly string[],
  translate: (code: string, vars?: Record<string, unknown>) => string | undefined,
): { notice: string | null; fieldErrors: FieldErrors } {
  if (!(error instanceof ApiError)) {
    // fetch's own failure (no answer at all) is a TypeError, in every browser's words
    const notice = error instanceof TypeError ? (translate('errors.network') ?? error.message) : error instanceof Error ? error.message : String(error);
    return { notice, fieldErrors: {} };
  }
  const fieldErrors: FieldErrors = {};
  const unplaced: string[] = [];
  const known = new Set(fields);
  // `named`: a field's problem, which says nothing of its subject, is named when not on the form
  // (a query's field, a nested one) as the API names it; a rule's sentence needs no name
  const place = (field: string, text: string, named = false): void => {
    const top = field.split('.')[0].replace(/\[\d+\]$/, '');
    const key = known.has(field) ? field : known.has(top) ? top : null;
    if (key) {
      fieldErrors[key] = fieldErrors[key] ? `${fieldErrors[key]}; ${text}` : text;
    } else {
      unplaced.push(named ? `${field}: ${text}` : text);
    }
  };
  if (Array.isArray(error.details)) {
    for (const d of error.details as { field?: string; problems?: string[] }[]) {
      if (d && typeof d.field === 'string') {
        place(d.field, joinProblems((d.problems ?? []).map((p) => problemText(p, translate))), true);
      }
    }
  }
  const details =
    error.details && typeof error.details === 'object' && !Array.isArray(error.details)
      ? (error.details as Record<string, unknown>)
      : {};
  // a code without a text of its own (`student_not_found`, the framework's) by its status
  const text = translate(`errors.${error.code}`, shownValues(details)) ?? translate(`errors.http_${error.status}`) ?? error.message;
  if (typeof details.field === 'string' && Object.keys(fieldErrors).length === 0) {
    place(details.field, text);
    return { notice: unplaced.length ? unplaced.join('; ') : null, fieldErrors };
  }
  const hasFields = Object.keys(fieldErrors).length > 0;
  const notice = hasFields
    ? [translate('errors.fix_fields') ?? error.message, ...unplaced].join(' ')
    : [text, ...unplaced].join(' ');
  return { notice, fieldErrors };
}

/** A field's problems on one line: "; " between them, a space after a sentence (zxcvbn's advice). */
function joinProblems(texts: string[]): string {
  return texts.reduce((line, text) => (line === '' ? text : `${line}${line.endsWith('.') ? ' ' : '; '}${text}`), '');
}

/** An error's values as a page shows them: a calendar date ("on", "day") in the user's format, a list with ", ". */
function shownValues(details: Record<string, unknown>): Record<string, unknown> {
  const shown = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? fmt.date(value) : Array.isArray(value) ? value.join(', ') : value);
  return Object.fromEntries(Object.entries(details).map(([name, value]) => [name, shown(value)]));
}
