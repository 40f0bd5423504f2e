import { roleAtLeast, type TLocale } from '@kefu/shared';
import { useRoute } from '../hash-router';
import { useSession } from '../session/session-context';
import { useI18n } from '../i18n/i18n-context';
import { InboxScreen } from '../conversations/inbox-screen';
import { SettingsScreen } from '../settings/settings-screen';
import { FollowUpsScreen } from '../followups/followups-screen';
import { QualityScreen } from '../quality/quality-screen';
import { ComplaintsScreen } from '../complaints/complaints-screen';
import { LazyReportsScreen } from '../reports/reports-lazy';
import { MonitorScreen } from '../monitor/monitor-screen';
import { CustomersScreen } from '../customers/customers-screen';
import { AlertList } from './alert-list';
import { TopBar } from './top-bar';
import './shell.css';

/** The signed-in app: top bar, supervisor alerts, and the routed screen. */
export function Shell(props: { locale: TLocale; onLocale: (l: TLocale) => void }) {
  const route = useRoute();
  const { user } = useSession();
  const { t } = useI18n();
  const section = route[0] === 'settings' ? 'settings' : route[0] === 'followups' || route[0] === 'quality' || route[0] === 'complaints' || route[0] === 'monitor' || route[0] === 'customers' ? route[0] : route[0] === 'reports' && roleAtLeast(user.role, 'supervisor') ? 'reports' : 'inbox';

  function skipToMain(e: Event) {
    e.preventDefault();
    document.getElementById('main')?.focus();
  }

  return (
    <div class="shell">
      <a class="skip-link" href="#main" onClick={skipToMain}>{t('nav.skip')}</a>
      <TopBar section={section} locale={props.locale} onLocale={props.onLocale} />
      {roleAtLeast(user.role, 'supervisor') && <AlertList />}
      <main id="main" class="shell-main" tabIndex={-1}>
        {section === 'customers' ? <CustomersScreen route={route.slice(1)} /> : section === 'reports' ? <LazyReportsScreen route={route.slice(1)} /> : section === 'settings' ? <SettingsScreen route={route.slice(1)} /> : section === 'followups' ? <FollowUpsScreen /> : section === 'monitor' ? <MonitorScreen /> : section === 'complaints' ? <ComplaintsScreen route={route.slice(1)} /> : section === 'quality' ? <QualityScreen route={route.slice(1)} /> : <InboxScreen route={route.slice(1)} />}
      </main>
    </div>
  );
}
