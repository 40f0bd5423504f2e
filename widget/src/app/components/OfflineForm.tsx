import { useState } from 'preact/hooks';
import { useText } from '../i18n/catalog';

export type TOfflineFormProps = {
  offlineMessage: string;
  initialEmail?: string;
  onSubmit(text: string, email: string): void;
};

// Loose on purpose: the server validates with z.email(); this only catches obvious typos early.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** When nobody can answer now: the site's offline message and a form to leave a message. */
export function OfflineForm({ offlineMessage, initialEmail = '', onSubmit }: TOfflineFormProps) {
  const { t } = useText();
  const [text, setText] = useState('');
  const [email, setEmail] = useState(initialEmail);
  const [emailError, setEmailError] = useState(false);
  return (
    <form
      class="kf-offline"
      aria-labelledby="kf-offline-title"
      onSubmit={(e) => {
        e.preventDefault();
        const bad = email.trim() !== '' && !EMAIL.test(email.trim());
        setEmailError(bad);
        if (bad || !text.trim()) return;
        onSubmit(text, email);
      }}
    >
      <h2 id="kf-offline-title">{t.offlineTitle}</h2>
      {offlineMessage && <p class="kf-offline-message">{offlineMessage}</p>}
      <label for="kf-offline-text">{t.offlineMessageLabel}</label>
      <textarea id="kf-offline-text" rows={4} maxLength={4000} required value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <label for="kf-offline-email">{t.offlineEmailLabel}</label>
      <input
        id="kf-offline-email"
        type="email"
        autoComplete="email"
        maxLength={200}
        value={email}
        aria-invalid={emailError}
        aria-describedby={emailError ? 'kf-offline-email-error' : undefined}
        onInput={(e) => setEmail(e.currentTarget.value)}
      />
      {emailError && (
        <p id="kf-offline-email-error" class="kf-error">
          {t.offlineEmailInvalid}
        </p>
      )}
      <button type="submit" class="kf-button" disabled={!text.trim()}>
        {t.offlineSubmit}
      </button>
    </form>
  );
}
