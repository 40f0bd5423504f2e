import { useEffect, useState } from 'preact/hooks';

/** The route as path segments of the location hash: `#/inbox/mine/<id>` → ['inbox', 'mine', '<id>']. */
export function currentRoute(): string[] {
  return location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

export function navigate(...segments: string[]): void {
  location.hash = '/' + segments.map(encodeURIComponent).join('/');
}

export function hrefFor(...segments: string[]): string {
  return '#/' + segments.map(encodeURIComponent).join('/');
}

/** Re-renders on every hash change; the server's SPA fallback keeps /portal/ as the one page. */
export function useRoute(): string[] {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const onChange = () => setRoute(currentRoute());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
