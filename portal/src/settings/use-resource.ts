import { useEffect, useState } from 'preact/hooks';

/** A list loaded over REST with a reload function, for the settings tables. */
export function useResource<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = () => load().then((d) => { setData(d); setError(null); }, setError);
  useEffect(() => { void reload(); }, []);
  return { data, error, reload, setData };
}
