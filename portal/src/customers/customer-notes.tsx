import { useState } from 'preact/hooks';
import type { TCustomerNote } from '@kefu/shared';
import { errorText, useI18n } from '../i18n/i18n-context';
import { formatTime } from '../ui/duration';
import { customersApi } from './customers-api';
import { useCustomersText } from './customers-text';

/** Agent notes, newest first, with a box to add one (text only, never rendered as HTML). */
export function CustomerNotes(props: { customerId: string; notes: readonly TCustomerNote[]; disabled?: boolean; limit?: number; idPrefix: string }) {
  const { t } = useI18n();
  const { u, locale } = useCustomersText();
  const [notes, setNotes] = useState(props.notes);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = props.limit ? notes.slice(0, props.limit) : notes;

  async function add(e: Event) {
    e.preventDefault();
    if (!draft.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setNotes((await customersApi.addNote(props.customerId, draft.trim())).notes);
      setDraft('');
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="cu-notes">
      {shown.length === 0 ? <p class="muted small">{u('cu.noNotes')}</p> : (
        <ul class="cu-note-list">
          {shown.map((n) => (
            <li key={n.id}>
              <p class="cu-note-body">{n.body}</p>
              <p class="muted small">{u('cu.noteBy', { name: n.authorName ?? u('cu.none'), time: formatTime(locale, n.createdAt) })}</p>
            </li>
          ))}
        </ul>
      )}
      {!props.disabled && (
        <form class="cu-note-form" onSubmit={(e) => void add(e)}>
          <label class="sr-only" for={`${props.idPrefix}-note`}>{u('cu.addNote')}</label>
          <textarea id={`${props.idPrefix}-note`} rows={2} maxLength={2000} placeholder={u('cu.notePlaceholder')} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
          <button type="submit" class="btn btn-sm" disabled={busy || !draft.trim()}>{u('cu.addNote')}</button>
          {error && <p class="field-error" role="alert">{error}</p>}
        </form>
      )}
    </div>
  );
}
