import { format } from '@kefu/shared/i18n';
import { useText } from '../i18n/catalog';

export type THeaderProps = { title: string; agentName: string | null; onClose: (() => void) | null };

/** Site name, who is helping, and the close button. */
export function Header({ title, agentName, onClose }: THeaderProps) {
  const { t } = useText();
  return (
    <header class="kf-header">
      <div>
        <h1>{title}</h1>
        {agentName && <p>{format(t.agentHelping, { name: agentName })}</p>}
      </div>
      {onClose && (
        <button type="button" class="kf-close" aria-label={t.closeChat} onClick={onClose}>
          <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2">
            <path d="M6 6l12 12M18 6 6 18" />
          </svg>
        </button>
      )}
    </header>
  );
}
