import { format } from '@kefu/shared/i18n';
import { useText } from '../i18n/catalog';

/** "Li Na is typing…" while the agent writes (not a live region: it would chatter). */
export function TypingIndicator({ agentName }: { agentName: string | null }) {
  const { t } = useText();
  return (
    <p class="kf-typing">
      <span class="kf-dots" aria-hidden="true">
        <i />
        <i />
        <i />
      </span>
      {agentName ? format(t.agentTyping, { name: agentName }) : t.someoneTyping}
    </p>
  );
}
