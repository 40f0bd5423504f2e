import { useState } from 'preact/hooks';
import type { TAlert } from '@kefu/shared';
import { useSocketEvent } from '../api/socket-context';
import { hrefFor } from '../hash-router';
import { useI18n } from '../i18n/i18n-context';

/** Supervisor alerts (an agent let an assignment time out), newest first, each dismissible. */
export function AlertList() {
  const { t } = useI18n();
  const [alerts, setAlerts] = useState<(TAlert & { key: string })[]>([]);

  useSocketEvent('alert', (alert) => {
    const key = `${alert.kind}:${alert.conversationId}:${alert.at}`;
    setAlerts((list) => (list.some((a) => a.key === key) ? list : [{ ...alert, key }, ...list].slice(0, 5)));
  });

  const dismiss = (key: string) => setAlerts((list) => list.filter((a) => a.key !== key));

  return (
    <section class="alerts" aria-label={t('alert.region')} aria-live="polite">
      {alerts.map((a) => (
        <div class="alert" role="alert" key={a.key}>
          <span class="alert-text">{t('alert.assignmentTimeout', { agent: a.agentName })}</span>
          <a class="btn btn-sm" href={hrefFor('inbox', 'all', a.conversationId)} onClick={() => dismiss(a.key)}>{t('alert.open')}</a>
          <button type="button" class="btn btn-ghost btn-sm" onClick={() => dismiss(a.key)}>{t('alert.dismiss')}</button>
        </div>
      ))}
    </section>
  );
}
