import { useEffect, useState } from 'preact/hooks';
import { pickLocale } from '@kefu/shared/i18n';
import type { TLocale } from '@kefu/shared';
import { api } from './api/kefu-api';
import { ApiError, SESSION_ENDED_EVENT } from './api/api-client';
import { SocketProvider } from './api/socket-context';
import { I18nProvider } from './i18n/i18n-context';
import { LoginScreen } from './session/login-screen';
import { SessionContext, type TSessionUser } from './session/session-context';
import { InviteScreen } from './admin/invite-screen';
import { currentRoute } from './hash-router';
import { Shell } from './shell/shell';

type TAuth = { kind: 'loading' } | { kind: 'signedOut'; notice: string | null } | { kind: 'signedIn'; user: TSessionUser } | { kind: 'invite'; token: string };

const LOCALE_KEY = 'kefu.portal.locale';

function storedLocale(): TLocale | null {
  const v = localStorage.getItem(LOCALE_KEY);
  return v === 'en' || v === 'zh-CN' ? v : null;
}

/** `GET /api/me` decides between the login screen and the app. */
export function App() {
  const [auth, setAuth] = useState<TAuth>({ kind: 'loading' });
  const [chosenLocale, setChosenLocale] = useState<TLocale | null>(storedLocale);

  useEffect(() => {
    // An invite link (#/invite/<token>) opens the set-password page, whoever is signed in here.
    const route = currentRoute();
    if (route[0] === 'invite' && route[1]) return setAuth({ kind: 'invite', token: route[1] });
    api.me().then(
      (user) => setAuth({ kind: 'signedIn', user }),
      (err) => setAuth({ kind: 'signedOut', notice: err instanceof ApiError && err.code === 'unauthenticated' ? null : String(err.message) }),
    );
  }, []);

  useEffect(() => {
    const ended = () => setAuth({ kind: 'signedOut', notice: null });
    window.addEventListener(SESSION_ENDED_EVENT, ended);
    return () => window.removeEventListener(SESSION_ENDED_EVENT, ended);
  }, []);

  const userLocale = auth.kind === 'signedIn' ? auth.user.locale : null;
  const locale: TLocale = chosenLocale ?? userLocale ?? pickLocale(navigator.languages ?? [navigator.language]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  function chooseLocale(l: TLocale) {
    localStorage.setItem(LOCALE_KEY, l);
    setChosenLocale(l);
    // Remember it on the account too, so the agent's other browsers follow.
    if (auth.kind === 'signedIn') void api.setLocale(l).catch(() => undefined);
  }

  function logout() {
    void api.logout().catch(() => undefined).finally(() => setAuth({ kind: 'signedOut', notice: null }));
  }

  return (
    <I18nProvider locale={locale}>
      {auth.kind === 'loading' && <div class="app-loading" role="status" aria-live="polite" />}
      {auth.kind === 'invite' && (
        <InviteScreen token={auth.token} onSignedIn={(user) => { location.hash = '#/inbox'; setAuth({ kind: 'signedIn', user }); }} />
      )}
      {auth.kind === 'signedOut' && (
        <LoginScreen notice={auth.notice} onSignedIn={(user) => setAuth({ kind: 'signedIn', user })} />
      )}
      {auth.kind === 'signedIn' && (
        <SessionContext.Provider value={{ user: auth.user, setUser: (user) => setAuth({ kind: 'signedIn', user: { ...user, permissions: user.permissions ?? auth.user.permissions } }), logout }}>
          <SocketProvider key={auth.user.id}>
            <Shell locale={locale} onLocale={chooseLocale} />
          </SocketProvider>
        </SessionContext.Provider>
      )}
    </I18nProvider>
  );
}
