import { useEffect, useState } from 'preact/hooks';
import type { TProhibitedPhrase } from '@kefu/shared';
import { qualityApi } from './quality-api';

const REFRESH_MS = 5 * 60_000;
let cache: { at: number; list: Promise<TProhibitedPhrase[]> } | null = null;

/** The prohibited phrases for the composer's check, fetched once per five minutes for the whole app. */
export function useProhibitedPhrases(): readonly TProhibitedPhrase[] {
  const [list, setList] = useState<readonly TProhibitedPhrase[]>([]);
  useEffect(() => {
    let live = true;
    if (!cache || Date.now() - cache.at > REFRESH_MS) cache = {
        at: Date.now(),
        // A failed load is not cached: the next composer tries again.
        list: qualityApi.phrases().catch(() => {
          cache = null;
          return [];
        }),
      };
    void cache.list.then((l) => live && setList(l));
    return () => {
      live = false;
    };
  }, []);
  return list;
}
