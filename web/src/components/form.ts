import { useState } from 'react';
import { explainError, type FieldErrors } from '../api/errors';
import { useI18n } from '../i18n/i18n';

/**
 * A form's values, and the API's answer spread over it: each field's problems under that field,
 * the rest in the notice. Pages never re-check a rule the API checks; they show its answer.
 */
export function useApiForm<V extends Record<string, unknown>>(initial: V) {
  const { maybe } = useI18n();
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof V>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value }));

  async function submit<T>(action: () => Promise<T>, extraFields: string[] = []): Promise<T | undefined> {
    setBusy(true);
    setErrors({});
    setNotice(null);
    try {
      return await action();
    } catch (error) {
      const explained = explainError(error, [...Object.keys(values), ...extraFields], maybe);
      setErrors(explained.fieldErrors);
      setNotice(explained.notice);
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  return { values, setValues, set, errors, notice, busy, submit };
}
