import { useEffect, useState } from 'preact/hooks';
import type { TPermission } from '@kefu/shared';
import { customersApi } from './customers-api';

let cached: Promise<readonly TPermission[]> | null = null;

/** The signed-in agent's permissions (from /api/me, once per page load). Buttons only: the server decides. */
export function usePermissions(): readonly TPermission[] {
  const [perms, setPerms] = useState<readonly TPermission[]>([]);
  useEffect(() => {
    cached ??= customersApi.myPermissions().then((r) => r.user.permissions ?? [], () => ((cached = null), []));
    let current = true;
    void cached.then((p) => current && setPerms(p));
    return () => {
      current = false;
    };
  }, []);
  return perms;
}
