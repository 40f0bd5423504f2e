import { useState } from 'preact/hooks';
import type { TCustomer } from '@kefu/shared';
import { errorText, useI18n } from '../i18n/i18n-context';
import { Modal } from '../ui/modal';
import { customersApi } from './customers-api';
import { useCustomersText } from './customers-text';

/** Data subject requests: export as a JSON file ('data.export'), erase ('customers.delete'); both audited. */
export function CustomerDataRequests(props: { c: TCustomer; canExport: boolean; canDelete: boolean; onErased: () => void }) {
  const { t } = useI18n();
  const { u } = useCustomersText();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!props.canExport && !props.canDelete) return null;

  async function exportData() {
    setError(null);
    try {
      const data = (await customersApi.exportData(props.c.id)).export;
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `customer-${props.c.id}.json`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      setError(errorText(t, err));
    }
  }

  async function erase() {
    setError(null);
    try {
      const { erased } = await customersApi.erase(props.c.id);
      setConfirming(false);
      setMessage(u('cu.deleted', { messages: erased.messages, complaints: erased.complaints, files: erased.files }));
      props.onErased();
    } catch (err) {
      setError(errorText(t, err));
    }
  }

  return (
    <section class="cu-card" aria-labelledby="cu-dsr-title">
      <h2 id="cu-dsr-title" class="cu-subhead">{u('cu.dataRequests')}</h2>
      <p class="muted small">{u('cu.exportHint')}</p>
      <div class="form-actions">
        {props.canExport && <button type="button" class="btn btn-sm" onClick={() => void exportData()}>{u('cu.export')}</button>}
        {props.canDelete && !props.c.erasedAt && <button type="button" class="btn btn-danger btn-sm" onClick={() => setConfirming(true)}>{u('cu.delete')}</button>}
      </div>
      {message && <p class="banner" role="status">{message}</p>}
      {error && <p class="banner banner-error" role="alert">{error}</p>}
      {confirming && (
        <Modal title={u('cu.deleteTitle')} onClose={() => setConfirming(false)}>
          <p>{u('cu.deleteBody')}</p>
          <div class="form-actions">
            <button type="button" class="btn btn-danger" onClick={() => void erase()}>{u('cu.deleteConfirm')}</button>
            <button type="button" class="btn btn-ghost" onClick={() => setConfirming(false)}>{u('cu.cancel')}</button>
          </div>
        </Modal>
      )}
    </section>
  );
}
