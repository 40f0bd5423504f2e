import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { TUser } from '@kefu/shared';

export type TSession = {
  user: TUser;
  setUser: (user: TUser) => void;
  logout: () => void;
};

export const SessionContext = createContext<TSession | null>(null);

/** The signed-in user; only rendered below the login gate. */
export function useSession(): TSession {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the signed-in app');
  return s;
}
