import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** While `open`, a mouse press outside `root` calls `close` (popovers such as the composer's pickers). */
export function useDismissOnOutsidePress(root: RefObject<HTMLElement>, open: boolean, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onPress = (e: MouseEvent) => { if (!root.current?.contains(e.target as Node)) close(); };
    document.addEventListener('mousedown', onPress);
    return () => document.removeEventListener('mousedown', onPress);
  }, [open]);
}
