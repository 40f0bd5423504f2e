import { useRef, useState } from 'preact/hooks';
import { useText } from '../i18n/catalog';

// MESSAGE_MAX_LENGTH of shared/src/common.ts: importing that module would bundle the full zod build.
const MESSAGE_MAX_LENGTH = 4000;

export type TComposerProps = {
  onSend(text: string): void;
  /** Shows the paperclip: the chosen file is uploaded and sent as its own message. */
  onAttach?(file: File): void;
  /** Label of the paperclip button. */
  attachLabel?: string;
  onTyping?(): void;
  inputRef?: { current: HTMLTextAreaElement | null };
};

/** The message box: Enter sends, Shift+Enter adds a line. */
export function Composer({ onSend, onAttach, attachLabel, onTyping, inputRef }: TComposerProps) {
  const { t } = useText();
  const [text, setText] = useState('');
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const ref = inputRef ?? ownRef;

  const submit = () => {
    if (!text.trim()) return;
    onSend(text);
    setText('');
    ref.current?.focus();
  };

  return (
    <form
      class="kf-composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {onAttach && (
        <label class="kf-attach" title={attachLabel}>
          <input
            type="file"
            class="kf-visually-hidden"
            aria-label={attachLabel}
            accept="image/*,.pdf,.docx,.xlsx"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) onAttach(file);
            }}
          />
          <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
            <path d="m21 11-8.5 8.5a5 5 0 0 1-7-7L14 4a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4L15.5 7" />
          </svg>
        </label>
      )}
      <label class="kf-visually-hidden" for="kf-composer-input">
        {t.composerLabel}
      </label>
      <textarea
        id="kf-composer-input"
        ref={ref}
        rows={2}
        maxLength={MESSAGE_MAX_LENGTH}
        placeholder={t.composerPlaceholder}
        aria-describedby="kf-composer-hint"
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          onTyping?.();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <span id="kf-composer-hint" class="kf-visually-hidden">
        {t.composerHint}
      </span>
      <button type="submit" class="kf-send" aria-label={t.send} disabled={!text.trim()}>
        <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
          <path d="M3 20.5 21 12 3 3.5v6.6L15 12 3 13.9z" />
        </svg>
      </button>
    </form>
  );
}
