import { useState } from 'preact/hooks';
import { roleAtLeast, type TMonitorWaiting } from '@kefu/shared';
import { TransferDialog } from '../conversations/components/transfer-dialog';
import { errorText, useI18n } from '../i18n/i18n-context';
import { useSession } from '../session/session-context';
import { formatTime } from '../ui/duration';
import { useNow } from '../ui/use-now';
import { AgentBoard } from './components/agent-board';
import { ComplaintsAtRisk } from './components/complaints-at-risk';
import { TeamQueues } from './components/team-queues';
import { TodayCounters } from './components/today-counters';
import { WaitingList } from './components/waiting-list';
import { serverNow, useMonitor } from './hooks/use-monitor';
import { useMonitorText } from './monitor-text';
import './monitor.css';

/** #/monitor — the supervisor's live monitor, pushed over the socket (no polling). */
export function MonitorScreen() {
  const { user } = useSession();
  const { m } = useMonitorText();
  if (!roleAtLeast(user.role, 'supervisor')) {
    return (
      <div class="monitor">
        <h1>{m('m.title')}</h1>
        <p class="banner banner-error" role="alert">{m('m.forbidden')}</p>
      </div>
    );
  }
  return <LiveMonitor />;
}

function LiveMonitor() {
  const { t } = useI18n();
  const { m, locale } = useMonitorText();
  const state = useMonitor();
  const clientNow = useNow(1000);
  const [reassigning, setReassigning] = useState<TMonitorWaiting | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (state.kind === 'refused') {
    return (
      <div class="monitor">
        <h1>{m('m.title')}</h1>
        <p class="banner banner-error" role="alert">{state.error.code === 'forbidden' ? m('m.forbidden') : errorText(t, state.error)}</p>
      </div>
    );
  }
  if (state.kind === 'connecting') {
    return (
      <div class="monitor">
        <h1>{m('m.title')}</h1>
        <p class="muted" role="status">{m('m.connecting')}</p>
      </div>
    );
  }
  const { snapshot } = state;
  const now = serverNow(snapshot, state.receivedAt, clientNow);
  return (
    <div class="monitor">
      <div class="mon-head">
        <h1>{m('m.title')}</h1>
        <span class="mon-live"><span class="dot" aria-hidden="true" />{m('m.live')}</span>
        <span class="muted small" aria-live="polite">{m('m.updatedAt', { time: formatTime(locale, snapshot.at) })}</span>
      </div>
      {notice && <p class="banner" role="status">{notice}</p>}
      <TodayCounters today={snapshot.today} />
      <div class="mon-grid">
        <div class="mon-col">
          <TeamQueues teams={snapshot.teams} now={now} />
          <WaitingList waiting={snapshot.waiting} now={now} onReassign={(w) => { setNotice(null); setReassigning(w); }} />
        </div>
        <div class="mon-col">
          <AgentBoard agents={snapshot.agents} now={now} />
          <ComplaintsAtRisk complaints={snapshot.complaints} counts={snapshot.complaintCounts} now={now} />
        </div>
      </div>
      {reassigning && (
        <TransferDialog
          conversation={{ id: reassigning.conversationId, assigneeId: reassigning.assigneeId }}
          onClose={() => setReassigning(null)}
          onTransferred={() => {
            setReassigning(null);
            setNotice(m('m.reassigned'));
          }}
        />
      )}
    </div>
  );
}
