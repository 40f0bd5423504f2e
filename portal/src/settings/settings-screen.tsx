import { hrefFor } from '../hash-router';
import { useI18n } from '../i18n/i18n-context';
import { can, useSession } from '../session/session-context';
import { useAdminText } from '../admin/admin-text';
import { AuditLog } from '../admin/audit-log';
import { RolesSettings } from '../admin/roles-settings';
import { SlaSettings } from '../admin/sla-settings';
import '../admin/admin.css';
import { CannedRepliesSettings } from './canned-replies-settings';
import { ArticlesSettings } from '../knowledge/articles-settings';
import { useKnowledgeText } from '../knowledge/knowledge-text';
import { SitesSettings } from './sites-settings';
import { TeamsSettings } from './teams-settings';
import { UsersSettings } from './users-settings';
import './settings.css';

type TSection = 'users' | 'teams' | 'roles' | 'sites' | 'canned' | 'articles' | 'sla' | 'audit';

/** Administration, by permission: users/teams/roles ('users.manage'), sites/canned replies/SLA ('settings.manage'), the audit log ('audit.view'). */
export function SettingsScreen(props: { route: string[] }) {
  const { t } = useI18n();
  const { k } = useKnowledgeText();
  const { user } = useSession();
  const { a } = useAdminText();
  const manageSettings = can(user, 'settings.manage');
  const sections: TSection[] = [
    ...(can(user, 'users.manage') ? (['users', 'teams', 'roles'] as const) : []),
    ...(manageSettings ? (['sites', 'canned', 'articles', 'sla'] as const) : []),
    ...(can(user, 'audit.view') ? (['audit'] as const) : []),
  ];
  if (sections.length === 0) return <p class="page-message muted">{t('settings.forbidden')}</p>;
  const asked = props.route[0] as TSection | undefined;
  const section: TSection = asked && sections.includes(asked) ? asked : sections[0]!;

  return (
    <div class="settings">
      <nav class="settings-nav" aria-label={t('settings.sections')}>
        <h1 class="settings-title">{t('settings.title')}</h1>
        {sections.map((s) => (
          <a key={s} href={hrefFor('settings', s)} aria-current={s === section ? 'page' : undefined}>{s === 'articles' ? k('settings.articles') : s === 'roles' || s === 'sla' || s === 'audit' ? a(`settings.${s}`) : t(`settings.${s}`)}</a>
        ))}
      </nav>
      <div class="settings-body">
        {section === 'users' && <UsersSettings />}
        {section === 'teams' && <TeamsSettings />}
        {section === 'sites' && <SitesSettings editable={manageSettings} />}
        {section === 'canned' && <CannedRepliesSettings />}
        {section === 'roles' && <RolesSettings />}
        {section === 'sla' && <SlaSettings />}
        {section === 'audit' && <AuditLog />}
        {section === 'articles' && <ArticlesSettings />}
      </div>
    </div>
  );
}
