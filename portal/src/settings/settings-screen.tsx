import { roleAtLeast } from '@kefu/shared';
import { hrefFor } from '../hash-router';
import { useI18n } from '../i18n/i18n-context';
import { useSession } from '../session/session-context';
import { CannedRepliesSettings } from './canned-replies-settings';
import { SitesSettings } from './sites-settings';
import { TeamsSettings } from './teams-settings';
import { UsersSettings } from './users-settings';
import './settings.css';

type TSection = 'users' | 'teams' | 'sites' | 'canned';

/** Administration: users, teams, sites (admin; managers read sites) and canned replies (manager+). */
export function SettingsScreen(props: { route: string[] }) {
  const { t } = useI18n();
  const { user } = useSession();
  const isAdmin = roleAtLeast(user.role, 'admin');
  const sections: TSection[] = isAdmin ? ['users', 'teams', 'sites', 'canned'] : roleAtLeast(user.role, 'manager') ? ['sites', 'canned'] : [];
  if (sections.length === 0) return <p class="page-message muted">{t('settings.forbidden')}</p>;
  const asked = props.route[0] as TSection | undefined;
  const section: TSection = asked && sections.includes(asked) ? asked : sections[0]!;

  return (
    <div class="settings">
      <nav class="settings-nav" aria-label={t('settings.sections')}>
        <h1 class="settings-title">{t('settings.title')}</h1>
        {sections.map((s) => (
          <a key={s} href={hrefFor('settings', s)} aria-current={s === section ? 'page' : undefined}>{t(`settings.${s}`)}</a>
        ))}
      </nav>
      <div class="settings-body">
        {section === 'users' && <UsersSettings />}
        {section === 'teams' && <TeamsSettings />}
        {section === 'sites' && <SitesSettings editable={isAdmin} />}
        {section === 'canned' && <CannedRepliesSettings />}
      </div>
    </div>
  );
}
