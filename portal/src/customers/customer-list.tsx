import { useEffect, useState } from 'preact/hooks';
import type { TCustomer } from '@kefu/shared';
import { hrefFor } from '../hash-router';
import { errorText, useI18n } from '../i18n/i18n-context';
import { formatTime } from '../ui/duration';
import { CustomerBadges, CustomerName } from './customer-badges';
import { customersApi } from './customers-api';
import { useCustomersText } from './customers-text';

/** Search by name, phone, email or external id; contact columns arrive masked from the server. */
export function CustomerList() {
  const { t } = useI18n();
  const { u, locale } = useCustomersText();
  const [query, setQuery] = useState('');
  const [vipOnly, setVipOnly] = useState(false);
  const [customers, setCustomers] = useState<TCustomer[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const params: Record<string, string> = {};
      if (query.trim()) params['q'] = query.trim();
      if (vipOnly) params['vip'] = '1';
      customersApi.search(params).then(
        (r) => current && (setCustomers(r.customers), setError(null)),
        (err) => current && setError(errorText(t, err)),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, vipOnly]);

  return (
    <div class="cu-screen">
      <h1 class="cu-title">{u('cu.title')}</h1>
      <form class="cu-search" role="search" onSubmit={(e) => e.preventDefault()}>
        <label class="field cu-search-field">
          <span>{u('cu.search')}</span>
          <input type="search" value={query} placeholder={u('cu.searchHint')} maxLength={100} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
        <label class="check"><input type="checkbox" checked={vipOnly} onChange={(e) => setVipOnly(e.currentTarget.checked)} /> {u('cu.vipOnly')}</label>
      </form>
      {error && <p class="banner banner-error" role="alert">{error}</p>}
      {customers && customers.length === 0 && <p class="muted">{u('cu.empty')}</p>}
      {customers && customers.length > 0 && (
        <ul class="cu-results">
          {customers.map((c) => (
            <li key={c.id} class="cu-result">
              <a href={hrefFor('customers', c.id)} class="cu-result-name"><CustomerName c={c} /></a>
              <CustomerBadges c={c} />
              <span class="cu-result-contact" dir="ltr">{[c.phone, c.email].filter(Boolean).join(' · ') || u('cu.none')}</span>
              <span class="cu-result-meta muted small">
                {[c.externalId, c.region, c.siteName].filter(Boolean).join(' · ')}
                {' · '}{u('cu.col.lastSeen')} {formatTime(locale, c.lastSeenAt)}
              </span>
              {c.tags.length > 0 && <ul class="cu-tags">{c.tags.map((tag) => <li key={tag} class="cu-tag">{tag}</li>)}</ul>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
