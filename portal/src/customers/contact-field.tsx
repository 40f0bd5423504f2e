import { useState } from 'preact/hooks';
import type { TRevealField } from '@kefu/shared';
import { errorText, useI18n } from '../i18n/i18n-context';
import { customersApi } from './customers-api';
import { useCustomersText } from './customers-text';

/** A masked phone/email with a one-click reveal for those allowed (each reveal is audited by the server). */
export function ContactField(props: { customerId: string; field: TRevealField; masked: string | null; canReveal: boolean }) {
  const { t } = useI18n();
  const { u } = useCustomersText();
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const label = u(props.field === 'phone' ? 'cu.phone' : 'cu.email');
  if (!props.masked) return <span class="muted">{u('cu.none')}</span>;

  async function reveal() {
    setError(null);
    try {
      setValue((await customersApi.reveal(props.customerId, props.field)).value);
    } catch (err) {
      setError(errorText(t, err));
    }
  }

  return (
    <span class="cu-contact">
      <span class="cu-contact-value" dir="ltr">{value ?? props.masked}</span>
      {value !== null && <span class="sr-only" role="status">{u('cu.revealed')}</span>}
      {value === null && props.canReveal && (
        <button type="button" class="btn btn-ghost btn-sm" aria-label={u('cu.revealLabel', { field: label })} onClick={() => void reveal()}>{u('cu.reveal')}</button>
      )}
      {error && <span class="field-error" role="alert">{error}</span>}
    </span>
  );
}
