import { useText } from '../i18n/catalog';

/** After resolution: writing again reopens this conversation, or the customer starts a new one. */
export function ResolvedNotice({ onStartNew }: { onStartNew(): void }) {
  const { t } = useText();
  return (
    <div class="kf-notice" role="status">
      <p>{t.resolved}</p>
      <button type="button" class="kf-button kf-button-secondary" onClick={onStartNew}>
        {t.startNew}
      </button>
    </div>
  );
}
