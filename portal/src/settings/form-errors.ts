import { ApiError } from '../api/api-client';
import { errorText, type TTranslate } from '../i18n/i18n-context';

type TIssue = { code: string; path: readonly PropertyKey[]; message: string; minimum?: unknown; maximum?: unknown; format?: string; origin?: string };

export type TFieldErrors = Record<string, string>;

/** Field errors keyed by dotted path, in the user's language where the issue kind is known. */
export function issuesToFieldErrors(t: TTranslate, issues: readonly TIssue[]): TFieldErrors {
  const out: TFieldErrors = {};
  for (const i of issues) {
    const key = i.path.map(String).join('.') || '_form';
    if (out[key]) continue;
    out[key] = issueText(t, i);
  }
  return out;
}

function issueText(t: TTranslate, i: TIssue): string {
  if (i.code === 'too_small' && i.origin === 'string') return i.minimum === 1 ? t('form.required') : t('form.tooShort', { n: Number(i.minimum) });
  if (i.code === 'too_big' && i.origin === 'string') return t('form.tooLong', { n: Number(i.maximum) });
  if ((i.code === 'too_small' || i.code === 'too_big') && i.origin === 'number') return i.message;
  if (i.code === 'invalid_format' && i.format === 'email') return t('form.email');
  if (i.code === 'invalid_format' || i.code === 'invalid_type' || i.code === 'invalid_value') return i.message ? `${t('form.invalid')} (${i.message})` : t('form.invalid');
  return i.message || t('form.invalid');
}

/** Turns a refused save into field errors (server `issues`) plus a form-level message. */
export function saveErrorToFieldErrors(t: TTranslate, err: unknown): TFieldErrors {
  const fields = err instanceof ApiError ? Object.fromEntries(err.issues.map((i) => [i.path, i.message])) : {};
  return { ...fields, _form: errorText(t, err) };
}
