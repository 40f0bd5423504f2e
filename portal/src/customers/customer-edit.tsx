import { useState } from 'preact/hooks';
import type { TCustomer } from '@kefu/shared';
import { errorText, useI18n } from '../i18n/i18n-context';
import { customersApi } from './customers-api';
import { useCustomersText } from './customers-text';

/** Tags, region and VIP of a customer (VIP also moves their conversations up the queue). */
export function CustomerEdit(props: { c: TCustomer; onSaved: (c: TCustomer) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { u } = useCustomersText();
  const [tags, setTags] = useState(props.c.tags.join(', '));
  const [region, setRegion] = useState(props.c.region ?? '');
  const [vip, setVip] = useState(props.c.vip);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const list = tags.split(/[,，]/).map((s) => s.trim()).filter(Boolean);
      props.onSaved((await customersApi.update(props.c.id, { tags: list, region: region.trim() || null, vip })).customer);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="cu-edit" onSubmit={(e) => void save(e)}>
      <label class="field">
        <span>{u('cu.tags')}</span>
        <input value={tags} maxLength={600} aria-describedby="cu-tags-hint" onInput={(e) => setTags(e.currentTarget.value)} />
        <small id="cu-tags-hint" class="field-hint">{u('cu.tagsHint')}</small>
      </label>
      <label class="field">
        <span>{u('cu.region')}</span>
        <input value={region} maxLength={100} onInput={(e) => setRegion(e.currentTarget.value)} />
      </label>
      <label class="check"><input type="checkbox" checked={vip} onChange={(e) => setVip(e.currentTarget.checked)} /> {u('cu.vip')}</label>
      {error && <p class="field-error" role="alert">{error}</p>}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary btn-sm" disabled={busy}>{u('cu.save')}</button>
        <button type="button" class="btn btn-ghost btn-sm" onClick={props.onCancel}>{u('cu.cancel')}</button>
      </div>
    </form>
  );
}
