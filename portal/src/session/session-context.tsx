import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { TPermission, TUser } from '@kefu/shared';

/** The signed-in user; `permissions` come from sign-in and GET /api/me (see can()). */
export type TSessionUser = TUser & { permissions?: readonly TPermission[] };

export type TSession = {
  user: TSessionUser;
  /** Replaces the user's fields, keeping the permissions when the new value has none. */
  setUser: (user: TSessionUser) => void;
  logout: () => void;
};

export const SessionContext = createContext<TSession | null>(null);

/** The signed-in user; only rendered below the login gate. */
export function useSession(): TSession {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the signed-in app');
  return s;
}

/**
 * True when the signed-in user's role holds `permission` (Settings → Roles): the portal shows or
 * hides actions by permission, the server checks again on every request.
 * @example can(user, 'complaints.judge')
 */
export function can(user: Pick<TSessionUser, 'permissions'>, permission: TPermission): boolean {
  return user.permissions?.includes(permission) ?? false;
}
