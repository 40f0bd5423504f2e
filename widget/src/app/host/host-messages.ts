import * as z from 'zod/mini';
import type { TFrameMessage, THostMessage } from '../../loader/frame-messages';

export type { TFrameMessage, THostMessage };

/** What the host page (the loader) may post to the widget iframe; anything else is ignored. */
export const ZHostMessage = z.discriminatedUnion('kefu', [
  z.object({ kefu: z.literal('open') }),
  z.object({ kefu: z.literal('close') }),
  z.object({ kefu: z.literal('locale'), locale: z.enum(['zh-CN', 'en']) }),
  z.object({ kefu: z.literal('identify'), data: z.record(z.string(), z.unknown()) }),
  z.object({ kefu: z.literal('reset') }),
]);
export type TParsedHostMessage = z.infer<typeof ZHostMessage>;
