import { useEffect, useState } from 'preact/hooks';
import type { TCustomerProfile } from '@kefu/shared';
import { hrefFor } from '../hash-router';
import { errorText, useI18n } from '../i18n/i18n-context';
import { formatTime } from '../ui/duration';
import { ContactField } from './contact-field';
import { CustomerBadges, CustomerName } from './customer-badges';
import { CustomerDataRequests } from './customer-data-requests';
import { CustomerEdit } from './customer-edit';
import { CustomerHistory } from './customer-history';
import { CustomerNotes } from './customer-notes';
import { customersApi } from './customers-api';
import { useCustomersText } from './customers-text';
import { usePermissions } from './use-permissions';

/** One customer's profile: identity, masked contact with reveal, tags/region/VIP, notes, full history, data requests. */
export function CustomerPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { u, locale } = useCustomersText();
  const perms = usePermissions();
  const [p, setP] = useState<TCustomerProfile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    customersApi.profile(id).then(
      (r) => current && (setP(r.profile), setError(null)),
      (err) => current && setError(errorText(t, err)),
    );
    return () => {
      current = false;
    };
  }, [id, version]);

  const back = <a class="cu-back" href={hrefFor('customers')}>← {u('cu.back')}</a>;
  if (error) return <div class="cu-screen">{back}<p class="banner banner-error" role="alert">{error}</p></div>;
  if (!p) return <div class="cu-screen" aria-busy="true">{back}<p class="muted">{t('common.loading')}</p></div>;
  const c = p.customer;
  const answered = p.surveys.filter((s) => s.rating !== null).length;
  const canReveal = perms.includes('customers.reveal');

  return (
    <div class="cu-screen cu-page">
      {back}
      <header class="cu-head">
        <h1 class="cu-title"><CustomerName c={c} /></h1>
        <CustomerBadges c={c} />
      </header>
      {c.erasedAt && <p class="banner">{u('cu.erasedOn', { date: formatTime(locale, c.erasedAt) })}</p>}
      <div class="cu-columns">
        <div class="cu-side">
          <section class="cu-card" aria-label={u('cu.profile')}>
            <dl class="facts">
              <div class="fact"><dt>{u('cu.externalId')}</dt><dd>{c.externalId ?? u('cu.none')}</dd></div>
              <div class="fact"><dt>{u('cu.phone')}</dt><dd><ContactField customerId={c.id} field="phone" masked={c.phone} canReveal={canReveal} /></dd></div>
              <div class="fact"><dt>{u('cu.email')}</dt><dd><ContactField customerId={c.id} field="email" masked={c.email} canReveal={canReveal} /></dd></div>
              <div class="fact"><dt>{u('cu.site')}</dt><dd>{c.siteName}</dd></div>
              <div class="fact"><dt>{u('cu.rating')}</dt><dd>{p.averageRating === null ? u('cu.noRating') : u('cu.ratingValue', { rating: p.averageRating, count: answered })}</dd></div>
              <div class="fact"><dt>{u('cu.col.lastSeen')}</dt><dd>{formatTime(locale, c.lastSeenAt)}</dd></div>
            </dl>
            {editing ? (
              <CustomerEdit c={c} onSaved={(next) => (setP({ ...p, customer: next }), setEditing(false))} onCancel={() => setEditing(false)} />
            ) : (
              <>
                <dl class="facts">
                  <div class="fact"><dt>{u('cu.region')}</dt><dd>{c.region ?? u('cu.none')}</dd></div>
                  <div class="fact"><dt>{u('cu.tags')}</dt><dd>{c.tags.length ? <ul class="cu-tags">{c.tags.map((tag) => <li key={tag} class="cu-tag">{tag}</li>)}</ul> : <span class="muted">{u('cu.noTags')}</span>}</dd></div>
                </dl>
                {!c.erasedAt && <button type="button" class="btn btn-sm" onClick={() => setEditing(true)}>{u('cu.edit')}</button>}
              </>
            )}
          </section>
          <section class="cu-card" aria-labelledby="cu-notes-title">
            <h2 id="cu-notes-title" class="cu-subhead">{u('cu.notes')}</h2>
            <CustomerNotes key={`${c.id}-${version}`} customerId={c.id} notes={p.notes} disabled={!!c.erasedAt} idPrefix="cu-page" />
          </section>
          <CustomerDataRequests c={c} canExport={perms.includes('data.export')} canDelete={perms.includes('customers.delete')} onErased={() => setVersion((v) => v + 1)} />
        </div>
        <div class="cu-main cu-card">
          <CustomerHistory p={p} />
        </div>
      </div>
    </div>
  );
}
