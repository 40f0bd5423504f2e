import { useEffect, useState } from 'preact/hooks';

/** A minimal observable value: the app's single source of state. */
export type TStore<T> = {
  get(): T;
  set(patch: Partial<T>): void;
  subscribe(fn: (state: T) => void): () => void;
};

export function createStore<T extends object>(initial: T): TStore<T> {
  let state = initial;
  const listeners = new Set<(state: T) => void>();
  return {
    get: () => state,
    set(patch) {
      state = { ...state, ...patch };
      listeners.forEach((fn) => fn(state));
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

/** Re-renders the component whenever the store changes. */
export function useStore<T extends object>(store: TStore<T>): T {
  const [state, setState] = useState(store.get());
  useEffect(() => {
    setState(store.get());
    return store.subscribe(setState);
  }, [store]);
  return state;
}
