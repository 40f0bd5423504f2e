import { useRef, useState } from 'preact/hooks';
import type { TCannedReply } from '@kefu/shared';
import { useI18n } from '../../i18n/i18n-context';
import { matchCanned } from './canned-match';
import { useDismissOnOutsidePress } from '../../ui/use-dismiss';

/** A button opening a searchable list of canned replies (标准话术). */
export function CannedPicker(props: { replies: readonly TCannedReply[]; onPick: (r: TCannedReply) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const root = useRef<HTMLDivElement>(null);

  useDismissOnOutsidePress(root, open, () => setOpen(false));

  const list = matchCanned(props.replies, query, 50);

  return (
    <div class="canned-picker" ref={root} onKeyDown={(e) => { if (e.key === 'Escape') setOpen(false); }}>
      <button type="button" class="btn btn-ghost btn-sm" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen(!open)}>
        {t('composer.canned')}
      </button>
      {open && (
        <div class="popover canned-popover">
          <input type="search" aria-label={t('composer.cannedSearch')} placeholder={t('composer.cannedSearch')} value={query}
            autoFocus onInput={(e) => setQuery(e.currentTarget.value)} />
          <ul>
            {list.length === 0 && <li class="muted popover-empty">{t('composer.cannedEmpty')}</li>}
            {list.map((r) => (
              <li key={r.id}>
                <button type="button" onClick={() => { props.onPick(r); setOpen(false); setQuery(''); }}>
                  <span class="suggestion-shortcut">/{r.shortcut}</span> <strong>{r.title}</strong>
                  <span class="suggestion-body">{r.body}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
