import { ApiError } from './client';
import { problemText } from '../../../src/common/i18n/problem-text';

export type FieldErrors = Record<string, string>;

/**
 * The one place that reads the API's error body `{ code, message, details }`:
 * `details: [{ field, problems }]` (validation) lands on the form's fields, a rule's
 * `details: { field }` on that field; everything else becomes the notice above the form.
 * `translate` turns a code into the catalogue's text, or undefined for a code it does not know,
 * in which case the API's own message is shown.
 */
export function explainError(
  error: unknown,
  fields: readonly string[],
  translate: (code: string, vars?: Record<string, unknown>) => string | undefined,
): { notice: string | null; fieldErrors: FieldErrors } {
  if (!(error instanceof ApiError)) {
    return { notice: error instanceof Error ? error.message : String(error), fieldErrors: {} };
  }
  const fieldErrors: FieldErrors = {};
  const unplaced: string[] = [];
  const known = new Set(fields);
  const place = (field: string, text: string): void => {
    const top = field.split('.')[0].replace(/\[\d+\]$/, '');
    const key = known.has(field) ? field : known.has(top) ? top : null;
    if (key) {
      fieldErrors[key] = fieldErrors[key] ? `${fieldErrors[key]}; ${text}` : text;
    } else {
      unplaced.push(text);
    }
  };
  if (Array.isArray(error.details)) {
    for (const d of error.details as { field?: string; problems?: string[] }[]) {
      if (d && typeof d.field === 'string') {
        place(d.field, joinProblems((d.problems ?? []).map((p) => problemText(p, translate))));
      }
    }
  }
  const details =
    error.details && typeof error.details === 'object' && !Array.isArray(error.details)
      ? (error.details as Record<string, unknown>)
      : {};
  const text = translate(`errors.${error.code}`, details) ?? error.message;
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
