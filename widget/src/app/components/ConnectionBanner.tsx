import type { TConnectionState } from '../transport/customer-connection';
import { useText } from '../i18n/catalog';

/** Tells the customer when messages cannot flow right now; silent while connected. */
export function ConnectionBanner({ state }: { state: TConnectionState }) {
  const { t } = useText();
  const text =
    state === 'connected' ? '' : state === 'connecting' ? t.connecting : state === 'reconnecting' ? t.reconnecting : t.offline;
  return (
    <div role="status" class={text ? `kf-banner kf-banner-${state}` : 'kf-visually-hidden'}>
      {text}
    </div>
  );
}
