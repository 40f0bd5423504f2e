import type { Ctx } from '../platform/context';
import { listenForComplaintMail } from './complaints.mail';
import { startComplaintsWorker } from './complaints.sweep';

/** Starts the complaint mails and the deadline / auto-close sweep of this process; returns the stop function. */
export function listenForComplaints(ctx: Ctx, opts: { sweepMs?: number } = {}): () => void {
  const stopMail = listenForComplaintMail(ctx);
  const worker = startComplaintsWorker(ctx, { intervalMs: opts.sweepMs ?? 30_000 });
  return () => {
    stopMail();
    void worker.stop();
  };
}
