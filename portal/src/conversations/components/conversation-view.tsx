import { useState } from 'preact/hooks';
import { PRIORITIES, roleAtLeast, type TConversation, type TErrorCode, type TPriority } from '@kefu/shared';
import { api } from '../../api/kefu-api';
import { ApiError } from '../../api/api-client';
import { errorText, useI18n } from '../../i18n/i18n-context';
import { useSession } from '../../session/session-context';
import { useConversation } from '../hooks/use-conversation';
import { useCannedReplies } from '../hooks/use-directory';
import { visitorName } from '../visitor-name';
import { Composer } from './composer';
import { MessageList } from './message-list';
import { SidePanel } from './side-panel';
import { TransferDialog } from './transfer-dialog';
import { ConvertToComplaintButton } from '../../complaints/convert-dialog';

type Props = { conversationId: string; onBack: () => void; onChanged: (c: TConversation) => void };

/** The open conversation: header actions, message log, composer, and the side panel. */
export function ConversationView(props: Props) {
  const { t } = useI18n();
  const { user } = useSession();
  const conv = useConversation(props.conversationId);
  const canned = useCannedReplies();
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [transferOpen, setTransferOpen] = useState(false);
  const [panelOpen, setPanelOpen] = useState(false);
  const c = conv.conversation;

  async function act(run: () => Promise<TConversation>) {
    setBusy(true);
    setActionError(null);
    try {
      const updated = await run();
      conv.setConversation(updated);
      props.onChanged(updated);
    } catch (err) {
      setActionError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  if (conv.error && !c) {
    return (
      <section class="chat chat-placeholder">
        <p class="banner banner-error" role="alert">{errorText(t, new ApiError(conv.error.code as TErrorCode, conv.error.message, 0))}</p>
        <button type="button" class="btn" onClick={props.onBack}>{t('actions.backToList')}</button>
      </section>
    );
  }
  if (!c) {
    return <section class="chat chat-placeholder" aria-busy="true"><p class="muted">{t('common.loading')}</p></section>;
  }

  const name = visitorName(t, c);
  const canHandle = c.assigneeId === user.id || roleAtLeast(user.role, 'supervisor');
  const open = c.status !== 'resolved';

  return (
    <>
      <section class="chat" aria-labelledby="chat-title">
        <header class="chat-header">
          <button type="button" class="btn btn-ghost btn-sm only-narrow" onClick={props.onBack}>
            <span aria-hidden="true">←</span> {t('actions.backToList')}
          </button>
          <div class="chat-title-group">
            <h2 id="chat-title" class="chat-title">{name}</h2>
            {c.visitor.vip && <span class="badge badge-vip">{t('inbox.vip')}</span>}
            <span class={`status status-${c.status}`}>{t(`status.${c.status}`)}</span>
          </div>
          <div class="chat-actions">
            <label class="inline-select">
              <span class="sr-only">{t('priority.label')}</span>
              <select aria-label={t('priority.label')} value={c.priority} disabled={busy}
                onChange={(e) => void act(() => api.setPriority(c.id, e.currentTarget.value as TPriority))}>
                {PRIORITIES.map((p) => <option key={p} value={p}>{t(`priority.${p}`)}</option>)}
              </select>
            </label>
            {c.status === 'queued' && (
              <button type="button" class="btn btn-primary btn-sm" disabled={busy} onClick={() => void act(() => api.claim(c.id))}>
                {t('actions.claim')}
              </button>
            )}
            {canHandle && open && (
              <button type="button" class="btn btn-sm" disabled={busy} onClick={() => setTransferOpen(true)}>{t('actions.transfer')}</button>
            )}
            {canHandle && open && (
              <button type="button" class="btn btn-sm btn-success" disabled={busy} onClick={() => void act(() => api.resolve(c.id))}>
                {t('actions.resolve')}
              </button>
            )}
            <ConvertToComplaintButton conversation={c} />
            <button type="button" class="btn btn-ghost btn-sm panel-toggle" aria-expanded={panelOpen} aria-controls="side-panel"
              onClick={() => setPanelOpen(!panelOpen)}>
              {t('actions.details')}
            </button>
          </div>
        </header>
        {actionError && <p class="banner banner-error" role="alert">{actionError}</p>}
        {c.status === 'resolved' && <p class="banner">{t('chat.resolvedBanner')}</p>}
        {c.status === 'queued' && <p class="banner banner-warn">{t('chat.queuedBanner')}</p>}
        {c.status === 'active' && !canHandle && c.assigneeName && (
          <p class="banner">{t('chat.notAssignee', { name: c.assigneeName })}</p>
        )}
        <MessageList messages={conv.messages} pending={conv.pending} customerName={name} typing={conv.customerTyping}
          onRetry={conv.retry} onDiscard={conv.discard} />
        <Composer key={c.id} conversationId={c.id} siteId={c.siteId} onSend={conv.send} onTyping={conv.typing} cannedReplies={canned} noteByDefault={!canHandle}
          cannedContext={{ customer: { name: c.visitor.name, email: c.visitor.email }, agent: { name: user.name } }} />
      </section>
      <SidePanel id="side-panel" open={panelOpen} onClose={() => setPanelOpen(false)} conversation={c} events={conv.events} />
      {transferOpen && (
        <TransferDialog conversation={c} onClose={() => setTransferOpen(false)}
          onTransferred={(updated) => { setTransferOpen(false); conv.setConversation(updated); props.onChanged(updated); }} />
      )}
    </>
  );
}
