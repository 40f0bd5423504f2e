import { format } from '@kefu/shared/i18n';
import type { TCustomerConversation } from '@kefu/shared';
import { useText } from '../i18n/catalog';

/** Queue position and expected wait while the conversation waits for an agent. */
export function QueueNotice({ conversation }: { conversation: TCustomerConversation }) {
  const { t } = useText();
  if (conversation.status !== 'queued') return null;
  const queue = conversation.queue;
  const wait = queue?.expectedWaitSeconds;
  return (
    <div class="kf-notice" role="status">
      <p>{queue ? format(t.queuePosition, { position: queue.position }) : t.waitingForAgent}</p>
      {wait != null && (
        <p>{wait < 60 ? t.expectedWaitUnderMinute : format(t.expectedWaitMinutes, { minutes: Math.round(wait / 60) })}</p>
      )}
    </div>
  );
}
