import type { TConversation, TConversationEvent } from '@kefu/shared';
import { useI18n } from '../../i18n/i18n-context';
import { formatTime } from '../../ui/duration';
import { visitorName } from '../visitor-name';
import { EventTrail } from './event-trail';
import { ConversationQuality } from '../../quality/conversation-quality';
import { CustomerProfilePanel } from '../../customers/customer-profile-panel';

type Props = { id: string; open: boolean; onClose: () => void; conversation: TConversation; events: readonly TConversationEvent[] };

/** Visitor, owner (首问负责人), assignee and the event trail of the open conversation. */
export function SidePanel({ id, open, onClose, conversation: c, events }: Props) {
  const { t, locale } = useI18n();
  const none = t('common.none');
  const rows: [string, string][] = [
    [t('panel.visitor'), visitorName(t, c)],
    [t('panel.email'), c.visitor.email ?? none],
    [t('panel.site'), c.siteName],
    [t('panel.team'), c.teamName ?? none],
    [t('panel.channel'), t(`channel.${c.channel}`)],
    [t('panel.status'), t(`status.${c.status}`)],
    [t('priority.label'), t(`priority.${c.priority}`)],
    [t('panel.owner'), c.ownerName ?? none],
    [t('panel.assignee'), c.assigneeName ?? none],
    [t('panel.started'), formatTime(locale, c.createdAt)],
  ];
  return (
    <aside id={id} class={`side-panel ${open ? 'side-panel-open' : ''}`} aria-labelledby={`${id}-title`}>
      <div class="side-head">
        <h2 id={`${id}-title`} class="side-title">{t('panel.title')}</h2>
        <button type="button" class="btn btn-ghost btn-sm panel-toggle" onClick={onClose}>{t('common.close')}</button>
      </div>
      <dl class="facts">
        {rows.map(([k, v]) => (
          <div key={k} class="fact">
            <dt>{k}</dt>
            <dd>{v}{k === t('panel.visitor') && c.visitor.vip && <span class="badge badge-vip">{t('inbox.vip')}</span>}</dd>
          </div>
        ))}
      </dl>
      <CustomerProfilePanel visitorId={c.visitor.id} />
      <ConversationQuality conversation={c} />
      <h3 class="side-subtitle">{t('panel.trail')}</h3>
      <EventTrail events={events} />
    </aside>
  );
}
