import type { TCustomer } from '@kefu/shared';
import { useCustomersText } from './customers-text';

/** The customer's display name (anonymous visitors get a label, never an empty cell). */
export function CustomerName({ c }: { c: TCustomer }) {
  const { u } = useCustomersText();
  return <>{c.name ?? (c.externalId ? c.externalId : u('cu.anonymous'))}</>;
}

/** Verified / VIP / erased badges. */
export function CustomerBadges({ c }: { c: TCustomer }) {
  const { u } = useCustomersText();
  return (
    <span class="cu-badges">
      {c.erasedAt ? <span class="badge">{u('cu.erased')}</span> : c.verified ? <span class="badge cu-verified" title={u('cu.verifiedHint')}>{u('cu.verified')}</span> : <span class="badge cu-unverified">{u('cu.unverified')}</span>}
      {c.vip && <span class="badge badge-vip">{u('cu.vip')}</span>}
    </span>
  );
}
