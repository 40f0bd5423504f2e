import { useState } from 'preact/hooks';
import { LOCALES, PRESENCE, roleAtLeast, type TLocale, type TPresence } from '@kefu/shared';
import { api } from '../api/kefu-api';
import { useSocket, useSocketEvent } from '../api/socket-context';
import { hrefFor } from '../hash-router';
import { errorText, useI18n } from '../i18n/i18n-context';
import { can, useSession } from '../session/session-context';
import { useQualityText } from '../quality/quality-text';
import { useComplaintsText } from '../complaints/complaints-text';
import { useMonitorText } from '../monitor/monitor-text';
import { useCustomersText } from '../customers/customers-text';
import { useReportsText } from '../reports/reports-text';

const LOCALE_NAMES: Record<TLocale, string> = { 'zh-CN': '中文', en: 'English' };

export function TopBar(props: { section: 'inbox' | 'settings' | 'followups' | 'quality' | 'complaints' | 'monitor' | 'customers' | 'reports'; locale: TLocale; onLocale: (l: TLocale) => void }) {
  const { t } = useI18n();
  const { q } = useQualityText();
  const { c } = useComplaintsText();
  const { m } = useMonitorText();
  const { u } = useCustomersText();
  const { r } = useReportsText();
  const { user, setUser, logout } = useSession();
  const { state } = useSocket();
  const [presenceError, setPresenceError] = useState<string | null>(null);

  useSocketEvent('presence:updated', (p) => {
    if (p.userId === user.id && p.presence !== user.presence) setUser({ ...user, presence: p.presence });
  });

  async function changePresence(presence: TPresence) {
    setPresenceError(null);
    try {
      setUser(await api.setPresence(presence));
    } catch (err) {
      setPresenceError(errorText(t, err));
    }
  }

  return (
    <header class="topbar">
      <a class="brand" href={hrefFor('inbox')} aria-label={t('app.name')}>
        <span class="brand-mark" aria-hidden="true">客</span>
        <span class="brand-name">{t('app.name')}</span>
      </a>
      <nav class="topnav" aria-label={t('nav.main')}>
        <a href={hrefFor('inbox')} aria-current={props.section === 'inbox' ? 'page' : undefined}>{t('nav.inbox')}</a>
        <a href={hrefFor('complaints')} aria-current={props.section === 'complaints' ? 'page' : undefined}>{c('nav.complaints')}</a>
        <a href={hrefFor('customers')} aria-current={props.section === 'customers' ? 'page' : undefined}>{u('nav.customers')}</a>
        <a href={hrefFor('followups')} aria-current={props.section === 'followups' ? 'page' : undefined}>{q('nav.followUps')}</a>
        <a href={hrefFor('quality')} aria-current={props.section === 'quality' ? 'page' : undefined}>{q('nav.quality')}</a>
        {roleAtLeast(user.role, 'supervisor') && (
          <a href={hrefFor('monitor')} aria-current={props.section === 'monitor' ? 'page' : undefined}>{m('nav.monitor')}</a>
        )}
        {roleAtLeast(user.role, 'supervisor') && (
          <a href={hrefFor('reports')} aria-current={props.section === 'reports' ? 'page' : undefined}>{r('nav.reports')}</a>
        )}
        {(['users.manage', 'settings.manage', 'audit.view'] as const).some((p) => can(user, p)) && (
          <a href={hrefFor('settings')} aria-current={props.section === 'settings' ? 'page' : undefined}>{t('nav.settings')}</a>
        )}
      </nav>
      <div class="topbar-spacer" />
      <span class={`conn conn-${state}`} role="status" aria-live="polite">
        <span class="dot" aria-hidden="true" />
        <span class="conn-text">{t(`connection.${state}`)}</span>
      </span>
      <label class="topbar-select">
        <span class="sr-only">{t('presence.label')}</span>
        <span class={`presence-dot presence-${user.presence}`} aria-hidden="true" />
        <select aria-label={t('presence.label')} value={user.presence}
          onChange={(e) => void changePresence(e.currentTarget.value as TPresence)}>
          {PRESENCE.map((p) => <option key={p} value={p}>{t(`presence.${p}`)}</option>)}
        </select>
      </label>
      {presenceError && <span class="topbar-error" role="alert">{presenceError}</span>}
      <label class="topbar-select">
        <span class="sr-only">{t('locale.label')}</span>
        <select aria-label={t('locale.label')} value={props.locale}
          onChange={(e) => props.onLocale(e.currentTarget.value as TLocale)}>
          {LOCALES.map((l) => <option key={l} value={l} lang={l}>{LOCALE_NAMES[l]}</option>)}
        </select>
      </label>
      <span class="user-chip" title={t('auth.user', { name: user.name, role: t(`role.${user.role}`) })}>
        <span class="user-name">{user.name}</span>
        <span class="user-role">{t(`role.${user.role}`)}</span>
      </span>
      <button type="button" class="btn btn-ghost btn-sm" onClick={logout}>{t('auth.logout')}</button>
    </header>
  );
}
