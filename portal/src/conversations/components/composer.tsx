import { useEffect, useRef, useState } from 'preact/hooks';
import { fillCannedReply, MESSAGE_MAX_LENGTH, type TCannedContext, type TCannedReply } from '@kefu/shared';
import { useI18n } from '../../i18n/i18n-context';
import { newClientId } from '../client-id';
import { CannedPicker } from './canned-picker';
import { ArticlePicker } from '../../knowledge/article-picker';
import { matchCanned, shortcutAtCaret } from './canned-match';
import './composer.css';
import { matchProhibited, type TPhraseMatch } from '@kefu/shared';
import { PhraseWarning } from '../../quality/phrase-warning';
import { useProhibitedPhrases } from '../../quality/use-prohibited-phrases';
import { ComposerFiles, useComposerFiles } from '../attachments/composer-files';
import type { TMessageAttachment } from '@kefu/shared';

export type TOutgoingDraft = { clientId: string; text: string; internal: boolean; attachments?: TMessageAttachment[] };

type Props = {
  onSend: (draft: TOutgoingDraft) => void;
  onTyping?: (typing: boolean) => void;
  cannedReplies?: readonly TCannedReply[];
  /** Fills {customer.name}, {customer.email}, {agent.name} in a canned reply as it is inserted. */
  cannedContext?: TCannedContext;
  /** Start in internal-note mode (e.g. for someone who is not the assignee). */
  noteByDefault?: boolean;
  /** Enables attaching files (uploaded into this conversation before sending). */
  conversationId?: string;
  /** Enables the help-article search (知识库): published articles of this site. */
  siteId?: string;
};

const TYPING_IDLE_MS = 3000;

/** Reply / internal note editor: Enter sends, Shift+Enter breaks the line, `/shortcut` offers canned replies. */
export function Composer(props: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [internal, setInternal] = useState(props.noteByDefault ?? false);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const typing = useRef(false);
  const idle = useRef<ReturnType<typeof setTimeout>>();
  const phrases = useProhibitedPhrases();
  const [warning, setWarning] = useState<TPhraseMatch[] | null>(null);
  const files = useComposerFiles(props.conversationId);

  // Claiming (or losing) the conversation switches the default: a reply once you handle it.
  useEffect(() => setInternal(props.noteByDefault ?? false), [props.noteByDefault]);

  useEffect(() => () => {
    clearTimeout(idle.current);
    if (typing.current) props.onTyping?.(false);
  }, []);

  const token = dismissed ? null : shortcutAtCaret(text, caret);
  const suggestions = token ? matchCanned(props.cannedReplies ?? [], token.query) : [];
  const open = suggestions.length > 0;
  const tooLong = text.length > MESSAGE_MAX_LENGTH;

  function stopTyping() {
    clearTimeout(idle.current);
    if (typing.current) {
      typing.current = false;
      props.onTyping?.(false);
    }
  }

  function onInput(e: Event) {
    const el = e.currentTarget as HTMLTextAreaElement;
    setText(el.value);
    setCaret(el.selectionStart ?? el.value.length);
    setActive(0);
    setDismissed(false);
    if (!internal) {
      if (!typing.current) {
        typing.current = true;
        props.onTyping?.(true);
      }
      clearTimeout(idle.current);
      idle.current = setTimeout(stopTyping, TYPING_IDLE_MS);
    }
  }

  function insert(body: string, from: number, to: number) {
    const next = text.slice(0, from) + body + text.slice(to);
    const at = from + body.length;
    setText(next);
    setCaret(at);
    setDismissed(true);
    requestAnimationFrame(() => {
      const el = area.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(at, at);
    });
  }

  const cannedText = (reply: TCannedReply) => (props.cannedContext ? fillCannedReply(reply.body, props.cannedContext) : reply.body);

  function choose(reply: TCannedReply) {
    if (token) insert(cannedText(reply), token.start, caret);
  }

  function send(anyway = false) {
    const body = text.trim();
    const attachments = files.ready();
    if ((!body && !attachments.length) || tooLong || files.uploading) return;
    // 四语 check before a public reply (issue 4): the agent may rephrase or send anyway.
    const matches = internal || anyway ? [] : matchProhibited(body, phrases);
    if (matches.length) return setWarning(matches);
    setWarning(null);
    props.onSend({ clientId: newClientId(), text: body, internal, ...(attachments.length ? { attachments } : {}) });
    files.clear();
    setText('');
    setCaret(0);
    stopTyping();
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.isComposing) return; // IME (pinyin) composition: Enter picks the characters
    if (open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const n = suggestions.length;
        setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        const pick = suggestions[active] ?? suggestions[0];
        if (pick) choose(pick);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setDismissed(true);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      send();
    }
  }

  return (
    <form class={`composer ${internal ? 'composer-note' : ''}`} onSubmit={(e) => { e.preventDefault(); send(); }}>
      <div class="composer-toolbar">
        <div class="segmented" role="group" aria-label={t('composer.mode')}>
          <button type="button" aria-pressed={!internal} onClick={() => setInternal(false)}>{t('composer.reply')}</button>
          <button type="button" aria-pressed={internal} onClick={() => { stopTyping(); setInternal(true); }}>{t('composer.note')}</button>
        </div>
        <CannedPicker replies={props.cannedReplies ?? []}
          onPick={(r) => { const el = area.current; insert(cannedText(r), el?.selectionStart ?? text.length, el?.selectionEnd ?? text.length); }} />
        {props.siteId && <ArticlePicker siteId={props.siteId}
          onInsert={(body) => { const el = area.current; insert(body, el?.selectionStart ?? text.length, el?.selectionEnd ?? text.length); }} />}
        {props.conversationId && <files.AttachButton />}
        <span class={`composer-count ${tooLong ? 'over' : ''}`} aria-live="polite">
          {text.length > MESSAGE_MAX_LENGTH * 0.8 ? t('composer.length', { n: text.length, max: MESSAGE_MAX_LENGTH }) : ''}
        </span>
      </div>
      {warning && <PhraseWarning matches={warning} onSendAnyway={() => send(true)} onRephrase={() => { setWarning(null); area.current?.focus(); }} />}
      <ComposerFiles files={files} />
      <div class="composer-input">
        {open && (
          <ul class="suggestions" id="canned-suggestions" role="listbox" aria-label={t('composer.suggestions')}>
            {suggestions.map((r, i) => (
              <li key={r.id} id={`canned-opt-${r.id}`} role="option" aria-selected={i === active}
                onMouseDown={(e) => { e.preventDefault(); choose(r); }}>
                <span class="suggestion-shortcut">/{r.shortcut}</span>
                <span class="suggestion-title">{r.title}</span>
                <span class="suggestion-body">{r.body}</span>
              </li>
            ))}
          </ul>
        )}
        <textarea ref={area} aria-label={t('composer.reply')} rows={3} value={text}
          placeholder={internal ? t('composer.placeholderNote') : t('composer.placeholderReply')}
          aria-autocomplete="list" aria-controls={open ? 'canned-suggestions' : undefined}
          aria-activedescendant={open && suggestions[active] ? `canned-opt-${suggestions[active]!.id}` : undefined}
          onInput={onInput} onKeyDown={onKeyDown}
          onClick={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
          onKeyUp={(e) => { if (e.key.startsWith('Arrow') && !open) setCaret(e.currentTarget.selectionStart ?? 0); }}
          onBlur={stopTyping} />
        <button type="submit" class="btn btn-primary composer-send" disabled={(!text.trim() && !files.ready().length) || tooLong || files.uploading}>{t('composer.send')}</button>
      </div>
    </form>
  );
}
