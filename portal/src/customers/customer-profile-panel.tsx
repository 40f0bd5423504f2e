import { useEffect, useState } from 'preact/hooks';
import type { TCustomerProfile } from '@kefu/shared';
import { hrefFor } from '../hash-router';
import { errorText, useI18n } from '../i18n/i18n-context';
import { ContactField } from './contact-field';
import { CustomerBadges, CustomerName } from './customer-badges';
import { CustomerNotes } from './customer-notes';
import { customersApi } from './customers-api';
import { useCustomersText } from './customers-text';
import { usePermissions } from './use-permissions';
import './customers.css';

/** The customer profile beside the chat: who this is, contact (masked), tags, ratings, history counts, notes. */
export function CustomerProfilePanel({ visitorId }: { visitorId: string }) {
  const { t } = useI18n();
  const { u } = useCustomersText();
  const perms = usePermissions();
  const [profile, setProfile] = useState<TCustomerProfile | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setProfile(null);
    customersApi.profileOfVisitor(visitorId).then(
      (r) => current && (setProfile(r.profile), setError(null)),
      (err) => current && setError(errorText(t, err)),
    );
    return () => {
      current = false;
    };
  }, [visitorId]);

  if (error) return <section class="cu-panel"><p class="muted small" role="alert">{u('cu.loadFailed')} {error}</p></section>;
  if (!profile) return <section class="cu-panel" aria-busy="true"><p class="muted small">{t('common.loading')}</p></section>;
  const c = profile.customer;
  const answered = profile.surveys.filter((s) => s.rating !== null);
  const canReveal = perms.includes('customers.reveal');
  return (
    <section class="cu-panel" aria-labelledby="cu-panel-title">
      <h3 id="cu-panel-title" class="side-subtitle">{u('cu.profile')}</h3>
      <p class="cu-panel-name"><strong><CustomerName c={c} /></strong> <CustomerBadges c={c} /></p>
      <dl class="facts">
        {c.externalId && <div class="fact"><dt>{u('cu.externalId')}</dt><dd>{c.externalId}</dd></div>}
        <div class="fact"><dt>{u('cu.phone')}</dt><dd><ContactField customerId={c.id} field="phone" masked={c.phone} canReveal={canReveal} /></dd></div>
        <div class="fact"><dt>{u('cu.email')}</dt><dd><ContactField customerId={c.id} field="email" masked={c.email} canReveal={canReveal} /></dd></div>
        {c.region && <div class="fact"><dt>{u('cu.region')}</dt><dd>{c.region}</dd></div>}
        <div class="fact"><dt>{u('cu.rating')}</dt><dd>{profile.averageRating === null ? u('cu.noRating') : u('cu.ratingValue', { rating: profile.averageRating, count: answered.length })}</dd></div>
      </dl>
      {c.tags.length > 0 && <ul class="cu-tags" aria-label={u('cu.tags')}>{c.tags.map((tag) => <li key={tag} class="cu-tag">{tag}</li>)}</ul>}
      <p class="muted small">{u('cu.historyCounts', { conversations: profile.conversations.length, complaints: profile.complaints.length, followUps: profile.followUps.length })}</p>
      <h4 class="cu-subhead">{u('cu.notes')}</h4>
      <CustomerNotes key={c.id} customerId={c.id} notes={profile.notes} limit={3} disabled={!!c.erasedAt} idPrefix="cu-panel" />
      <p><a href={hrefFor('customers', c.id)}>{u('cu.openProfile')}</a></p>
    </section>
  );
}
