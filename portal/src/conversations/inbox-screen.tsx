import { INBOX_VIEWS, roleAtLeast, type TInboxView } from '@kefu/shared';
import { navigate } from '../hash-router';
import { useI18n } from '../i18n/i18n-context';
import { useSession } from '../session/session-context';
import { ConversationView } from './components/conversation-view';
import { InboxList } from './components/inbox-list';
import { useInbox } from './hooks/use-inbox';
import './inbox-screen.css';

/** Inbox list, open conversation and its side panel; route: [view, conversationId?]. */
export function InboxScreen(props: { route: string[] }) {
  const { user } = useSession();
  const { t } = useI18n();
  const canSeeAll = roleAtLeast(user.role, 'supervisor');
  const asked = props.route[0] as TInboxView | undefined;
  const view: TInboxView = asked && INBOX_VIEWS.includes(asked) && (asked !== 'all' || canSeeAll) ? asked : 'mine';
  const selectedId = props.route[1] ?? null;
  const inbox = useInbox(view);

  return (
    <div class={`inbox-layout ${selectedId ? 'has-selection' : ''}`}>
      <InboxList view={view} canSeeAll={canSeeAll} inbox={inbox} selectedId={selectedId}
        onClaimed={(c) => navigate('inbox', 'mine', c.id)} />
      {selectedId ? (
        <ConversationView key={selectedId} conversationId={selectedId} onBack={() => navigate('inbox', view)}
          onChanged={inbox.apply} />
      ) : (
        <section class="chat chat-placeholder" aria-label={t('chat.log')}>
          <p class="muted">{t('chat.select')}</p>
        </section>
      )}
    </div>
  );
}
