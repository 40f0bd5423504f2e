import { activeLocale, unsentMessages, type TChatState } from '../state/chat-state';
import type { TChatController } from '../state/chat-controller';
import { useText } from '../i18n/catalog';
import { ConnectionBanner } from './ConnectionBanner';
import { Composer } from './Composer';
import { Header } from './Header';
import { MessageList } from './MessageList';
import { OfflineForm } from './OfflineForm';
import { QueueNotice } from './QueueNotice';
import { ResolvedNotice } from './ResolvedNotice';
import { TypingIndicator } from './TypingIndicator';
import { lazyComponent } from '../lazy-component';
import { useState } from 'preact/hooks';
import { ComplaintsTab, WidgetTabs, type TWidgetTab } from '../complaints/WidgetTabs';
import { HelpTab } from '../help/HelpTab';
import { Upload } from '../attachments/lazy-files';

// Shown only after a resolved conversation: its own chunk.
const SurveyCard = lazyComponent(() => import('../survey/SurveyCard').then((m) => m.SurveyCard));

export type TChatWindowProps = {
  state: TChatState;
  controller: TChatController;
  /** Absent when the app is not inside an iframe (nothing to close then). */
  onClose?: () => void;
};

/** The whole widget screen for one state of the chat. */
export function ChatWindow({ state: s, controller, onClose }: TChatWindowProps) {
  const { t } = useText();
  const locale = activeLocale(s);
  const [tab, setTab] = useState<TWidgetTab>('chat');
  const config = s.config;
  const conversation = s.conversation;
  const unsent = unsentMessages(s);
  const email = typeof s.identity?.email === 'string' ? s.identity.email : '';
  const quiet = s.messages.length === 0 && unsent.length === 0;
  const showOfflineForm = !!config && !config.available && !s.offlineSent && quiet && conversation?.status !== 'active';
  const offlineNotice = !!config && !config.available && !showOfflineForm && conversation?.status !== 'active';

  return (
    <div class="kf-window" lang={locale}>
      <Header
        title={config?.siteName ?? t.defaultTitle}
        agentName={conversation?.status === 'active' ? conversation.agentName : null}
        onClose={onClose ?? null}
      />
      <WidgetTabs tab={tab} locale={locale} onTab={setTab} />
      {s.phase === 'ready' && <ConnectionBanner state={s.connection} />}
      {tab === 'help' && config ? (
        <HelpTab locale={locale} />
      ) : (tab === 'complaint' || tab === 'mine') && config ? (
        <ComplaintsTab tab={tab} locale={locale} initialEmail={email} />
      ) : s.phase === 'failed' && !config ? (
        <div class="kf-notice kf-center" role="alert">
          <p>{t.sessionFailed}</p>
          <button type="button" class="kf-button" onClick={() => void controller.start()}>
            {t.retry}
          </button>
        </div>
      ) : !config ? (
        <p class="kf-notice kf-center" role="status">
          {t.loading}
        </p>
      ) : (
        <>
          <MessageList
            greeting={config.greeting[locale]}
            messages={s.messages}
            unsent={unsent}
            onRetry={(id) => controller.retry(id)}
          />
          <footer class="kf-footer">
            {conversation && <QueueNotice conversation={conversation} />}
            {s.agentTyping && <TypingIndicator agentName={conversation?.agentName ?? null} />}
            {s.offlineSent && (
              <p class="kf-notice" role="status">
                {t.offlineConfirmation}
              </p>
            )}
            {offlineNotice && !s.offlineSent && config.offlineMessage[locale] && (
              <p class="kf-notice">{config.offlineMessage[locale]}</p>
            )}
            {s.survey && conversation?.status === 'resolved' && s.survey.conversationId === conversation.id && (
              <SurveyCard key={s.survey.id} survey={s.survey} locale={locale} onAnswer={controller.answerSurvey} onDismiss={controller.dismissSurvey} />
            )}
            {conversation?.status === 'resolved' && <ResolvedNotice onStartNew={() => controller.startNew()} />}
            {showOfflineForm ? (
              <OfflineForm
                offlineMessage={config.offlineMessage[locale]}
                initialEmail={email}
                onSubmit={(text, mail) => controller.leaveMessage(text, mail)}
              />
            ) : (
              <>
                {s.upload && <Upload upload={s.upload} locale={locale} />}
                <Composer
                  onSend={(text) => controller.send(text)}
                  onAttach={(file) => controller.attach(file)}
                  attachLabel={t.attachFile}
                  onTyping={() => controller.noteTyping()}
                />
              </>
            )}
          </footer>
        </>
      )}
    </div>
  );
}
