import type { Ctx } from '../platform/context';
import { flagMessage } from './quality.service';

/** Sent agent replies are checked against the prohibited phrases and flagged for review. */
export function listenForQuality(ctx: Ctx): () => void {
  return ctx.bus.on('message.created', async ({ message }) => {
    await flagMessage(ctx, message);
  });
}
