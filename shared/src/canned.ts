/** What a canned reply's variables are filled from when an agent inserts it. */
export type TCannedContext = {
  customer: { name: string | null; email: string | null };
  agent: { name: string };
};

/** The variables a canned reply may use (shown in Settings → Canned replies). */
export const CANNED_VARIABLES = ['{customer.name}', '{customer.email}', '{agent.name}'] as const;

/**
 * Fills {customer.name}, {customer.email} and {agent.name} in a canned reply's text; unknown values
 * (an anonymous visitor) become `fallback`, unknown variables are left as typed. Plain text in, plain
 * text out: the result is sent as a message, never rendered as HTML.
 * @example fillCannedReply('您好 {customer.name}', { customer: { name: '王女士', email: null }, agent: { name: '小李' } }) // '您好 王女士'
 */
export function fillCannedReply(body: string, ctx: TCannedContext, fallback = ''): string {
  const values: Record<string, string | null> = {
    'customer.name': ctx.customer.name,
    'customer.email': ctx.customer.email,
    'agent.name': ctx.agent.name,
  };
  return body.replace(/\{(customer\.name|customer\.email|agent\.name)\}/g, (_whole, key: string) => values[key] ?? fallback);
}
