import { useState } from 'preact/hooks';
import { COMPLAINT_CATEGORIES, PRIORITIES, type TComplaintCategory, type TConversation, type TPriority } from '@kefu/shared';
import { navigate } from '../hash-router';
import { errorText, useI18n } from '../i18n/i18n-context';
import { Modal } from '../ui/modal';
import { complaintsApi } from './complaints-api';
import { useComplaintsText } from './complaints-text';

/** "Convert to complaint": a button in the conversation view opening a short form; the transcript stays linked. */
export function ConvertToComplaintButton({ conversation }: { conversation: TConversation }) {
  const { t } = useI18n();
  const { c } = useComplaintsText();
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState<TComplaintCategory>('service');
  const [priority, setPriority] = useState<TPriority>(conversation.priority);
  const [description, setDescription] = useState(conversation.lastMessageText ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <button type="button" class="btn btn-sm" onClick={() => setOpen(true)}>{c('c.convert')}</button>
      {open && (
        <Modal title={c('c.convertTitle')} onClose={() => setOpen(false)}>
          <form
            class="c-form-stack"
            onSubmit={async (e) => {
              e.preventDefault();
              setBusy(true);
              try {
                const r = await complaintsApi.convert({ conversationId: conversation.id, category, priority, description: description.trim() });
                navigate('complaints', r.complaint.id);
              } catch (err) {
                setError(errorText(t, err));
                setBusy(false);
              }
            }}
          >
            <p class="muted">{c('c.convertHint')}</p>
            {error && <p class="banner banner-error" role="alert">{error}</p>}
            <label class="field"><span>{c('c.category')}</span>
              <select value={category} onChange={(e) => setCategory(e.currentTarget.value as TComplaintCategory)}>
                {COMPLAINT_CATEGORIES.map((x) => <option key={x} value={x}>{c(`c.category.${x}`)}</option>)}
              </select>
            </label>
            <label class="field"><span>{c('c.priority')}</span>
              <select value={priority} onChange={(e) => setPriority(e.currentTarget.value as TPriority)}>
                {PRIORITIES.map((p) => <option key={p} value={p}>{t(`priority.${p}`)}</option>)}
              </select>
            </label>
            <label class="field"><span>{c('c.description')}</span>
              <textarea required rows={4} maxLength={4000} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
            </label>
            <div class="row">
              <button type="submit" class="btn btn-primary" disabled={busy || !description.trim()}>{c('c.convert')}</button>
              <button type="button" class="btn" onClick={() => setOpen(false)}>{c('c.cancel')}</button>
            </div>
          </form>
        </Modal>
      )}
    </>
  );
}
