import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail as the local SMTP server received it. */
export type TReceivedMail = { to: string[]; raw: string };

/**
 * A real SMTP server on a free local port that keeps every mail it receives (the outer edge of the
 * mail tests: nodemailer really connects and talks SMTP to it).
 * @example const smtp = await startTestSmtp(); startTestServer({ env: { SMTP_URL: smtp.url } }); … await smtp.close();
 */
export async function startTestSmtp(): Promise<{ url: string; inbox: TReceivedMail[]; close(): Promise<void> }> {
  const inbox: TReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, inbox, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
