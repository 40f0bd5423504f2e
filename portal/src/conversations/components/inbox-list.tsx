import { useState } from 'preact/hooks';
import type { TConversation, TInboxView } from '@kefu/shared';
import { api } from '../../api/kefu-api';
import { hrefFor, navigate } from '../../hash-router';
import { errorText, useI18n } from '../../i18n/i18n-context';
import { useNow } from '../../ui/use-now';
import { ConversationItem } from './conversation-item';

type Props = {
  view: TInboxView;
  canSeeAll: boolean;
  inbox: { items: TConversation[] | null; error: unknown; reload: () => void; apply: (c: TConversation) => void };
  selectedId: string | null;
  onClaimed: (c: TConversation) => void;
};

/** Tabs Mine / Queue / All (All for supervisors and above) over a live list of conversations. */
export function InboxList(props: Props) {
  const { t } = useI18n();
  const now = useNow();
  const [actionError, setActionError] = useState<string | null>(null);
  const [claiming, setClaiming] = useState<string | null>(null);
  const views: TInboxView[] = props.canSeeAll ? ['mine', 'queue', 'all'] : ['mine', 'queue'];
  const { items, error } = props.inbox;

  async function claim(c: TConversation) {
    setClaiming(c.id);
    setActionError(null);
    try {
      const claimed = await api.claim(c.id);
      props.inbox.apply(claimed);
      props.onClaimed(claimed);
    } catch (err) {
      setActionError(errorText(t, err));
      props.inbox.reload();
    } finally {
      setClaiming(null);
    }
  }

  function onTabKey(e: KeyboardEvent) {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = views.indexOf(props.view);
    const next = views[(i + (e.key === 'ArrowRight' ? 1 : views.length - 1)) % views.length]!;
    navigate('inbox', next);
    requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
  }

  return (
    <section class="inbox" aria-label={t('inbox.list')}>
      <div class="inbox-head">
        <h1 class="inbox-title">{t('inbox.title')}</h1>
        <button type="button" class="btn btn-ghost btn-sm" onClick={props.inbox.reload}>{t('inbox.refresh')}</button>
      </div>
      <div class="tabs" role="tablist" aria-label={t('inbox.views')} onKeyDown={onTabKey}>
        {views.map((v) => (
          <button type="button" role="tab" key={v} id={`tab-${v}`} aria-selected={v === props.view} aria-controls="inbox-panel"
            tabIndex={v === props.view ? 0 : -1} onClick={() => navigate('inbox', v)}>
            {t(`inbox.${v}`)}
          </button>
        ))}
      </div>
      <div id="inbox-panel" role="tabpanel" aria-labelledby={`tab-${props.view}`} class="inbox-panel">
        {actionError && <p class="banner banner-error" role="alert">{actionError}</p>}
        {error != null && <p class="banner banner-error" role="alert">{errorText(t, error)}</p>}
        {items === null && error == null && <p class="muted inbox-empty">{t('common.loading')}</p>}
        {items?.length === 0 && <p class="muted inbox-empty">{t(`inbox.empty.${props.view}`)}</p>}
        {items && items.length > 0 && (
          <ul class="conv-list">
            {items.map((c) => (
              <ConversationItem key={c.id} conversation={c} now={now} href={hrefFor('inbox', props.view, c.id)}
                selected={c.id === props.selectedId} claiming={claiming === c.id} onClaim={() => void claim(c)} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
