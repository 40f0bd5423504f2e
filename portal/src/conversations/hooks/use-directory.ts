import { useEffect, useState } from 'preact/hooks';
import type { TCannedReply, TTeam, TUser } from '@kefu/shared';
import { api } from '../../api/kefu-api';

type Cache<T> = { value: T | null; promise: Promise<T> | null };
const canned: Cache<TCannedReply[]> = { value: null, promise: null };

/** Loads once per page and shares the result; `refresh` reloads. */
function useShared<T>(cache: Cache<T>, load: () => Promise<T>): T | null {
  const [value, setValue] = useState(cache.value);
  useEffect(() => {
    if (!cache.promise) cache.promise = load().then((v) => (cache.value = v), (err) => { cache.promise = null; throw err; });
    cache.promise.then(setValue, () => undefined);
  }, []);
  return value;
}

export function useCannedReplies(): TCannedReply[] {
  return useShared(canned, api.cannedReplies) ?? [];
}

/** Drops the cached canned replies after settings change them. */
export function invalidateCannedReplies(): void {
  canned.promise = null;
  canned.value = null;
}

/** Users and teams, for transfer targets (fresh each time the dialog opens: presence changes). */
export function useAgentsAndTeams(): { users: TUser[] | null; teams: TTeam[] | null; error: unknown } {
  const [users, setUsers] = useState<TUser[] | null>(null);
  const [teams, setTeams] = useState<TTeam[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.users().then(setUsers, setError);
    api.teams().then(setTeams, setError);
  }, []);
  return { users, teams, error };
}
