import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import { ZCustomerIdentity, type TCustomerIdentity } from '@kefu/shared';
import type { DbOrTrx, Trx } from '../db/database';
import type { Ctx } from '../platform/context';
import { hashToken, randomToken } from '../platform/secrets';
import type { SiteRow } from '../sites/sites.table';
import * as repo from './customers.repository';

/** The site's identity secret (hex, 256 bits), made with crypto.randomBytes the first time it is needed. */
export async function identitySecretOf(db: DbOrTrx, siteId: string): Promise<string> {
  const row = await db.selectFrom('sites').select('identity_secret').where('id', '=', siteId).executeTakeFirstOrThrow();
  if (row.identity_secret) return row.identity_secret;
  await db.updateTable('sites').set({ identity_secret: randomBytes(32).toString('hex') }).where('id', '=', siteId).where('identity_secret', 'is', null).execute();
  return (await db.selectFrom('sites').select('identity_secret').where('id', '=', siteId).executeTakeFirstOrThrow()).identity_secret as string;
}

/** Replaces the site's identity secret: hashes made with the old one stop working at once. */
export async function rotateIdentitySecret(db: DbOrTrx, siteId: string): Promise<string> {
  const secret = randomBytes(32).toString('hex');
  const row = await db.updateTable('sites').set({ identity_secret: secret }).where('id', '=', siteId).returning('id').executeTakeFirst();
  return row ? secret : '';
}

/**
 * True when `hash` is the hex HMAC-SHA256 of `externalId` under `secret`. Compared with
 * crypto.timingSafeEqual over equal-length buffers, so the time taken says nothing about the value.
 * @example verifyIdentityHash(secret, 'user-42', createHmac('sha256', secret).update('user-42').digest('hex')) // true
 */
export function verifyIdentityHash(secret: string, externalId: string, hash: string | undefined): boolean {
  const expected = createHmac('sha256', secret).update(externalId, 'utf8').digest();
  const wellFormed = /^[0-9a-fA-F]{64}$/.test(hash ?? '');
  // A malformed hash still costs one comparison against a zero buffer, and never matches.
  const same = timingSafeEqual(expected, wellFormed ? Buffer.from(hash as string, 'hex') : Buffer.alloc(expected.length));
  return wellFormed && same;
}

/** The verified identity in a widget session body, or null (malformed, missing or wrong hash → anonymous). */
export async function verifiedIdentity(db: DbOrTrx, site: Pick<SiteRow, 'id'>, raw: unknown): Promise<TCustomerIdentity | null> {
  if (raw === undefined || raw === null) return null;
  const parsed = ZCustomerIdentity.safeParse(raw);
  if (!parsed.success) return null;
  const secret = await identitySecretOf(db, site.id);
  return verifyIdentityHash(secret, parsed.data.id, parsed.data.hash) ? parsed.data : null;
}

export type TIdentifiedSession = { visitorId: string; visitorToken: string; customerId: string; identified: boolean };

/**
 * Links a widget session's visitor to its customer profile. Without a verified identity the visitor
 * keeps (or gets) its own anonymous customer. With one, the visitor joins the customer of that
 * external id — its earlier anonymous conversations on this device come along (they hang off the
 * visitor) — or its anonymous customer becomes that customer. A device already bound to another
 * verified customer gets a new visitor instead, so nobody's history moves to someone else.
 */
export async function linkSessionToCustomer(
  ctx: Ctx,
  site: Pick<SiteRow, 'id'>,
  session: { visitorId: string; visitorToken: string },
  rawIdentity: unknown,
): Promise<TIdentifiedSession> {
  const identity = await verifiedIdentity(ctx.db, site, rawIdentity);
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    if (!identity) {
      const customerId = await repo.ensureVisitorCustomer(trx, session.visitorId, now);
      return { ...session, customerId, identified: false };
    }
    // One identify per external id at a time, across processes (creating and merging race otherwise).
    await sql`select pg_advisory_xact_lock(hashtext(${`kefu:customer:${site.id}:${identity.id}`}))`.execute(trx);
    let visitor = { ...session };
    const current = await repo.customerOfVisitor(trx, session.visitorId);
    if (current?.verified && current.external_id !== identity.id) visitor = await newVisitor(trx, site.id, now);
    const target = await repo.findByExternalId(trx, site.id, identity.id);
    let customerId: string;
    if (target) {
      customerId = target.id;
      await repo.setVisitorCustomer(trx, visitor.visitorId, customerId);
      if (current && !current.verified && current.id !== target.id && visitor.visitorId === session.visitorId) {
        await repo.absorbAnonymousCustomer(trx, current.id, target.id);
      }
    } else if (current && !current.verified && visitor.visitorId === session.visitorId) {
      customerId = current.id;
      await trx.updateTable('customers').set({ external_id: identity.id, verified: true }).where('id', '=', customerId).execute();
    } else {
      customerId = await repo.insertCustomer(trx, { siteId: site.id, externalId: identity.id, verified: true, now });
      await repo.setVisitorCustomer(trx, visitor.visitorId, customerId);
    }
    await applyIdentifiedFields(trx, customerId, identity, now);
    return { ...visitor, customerId, identified: true };
  });
}

async function newVisitor(trx: Trx, siteId: string, now: Date): Promise<{ visitorId: string; visitorToken: string }> {
  const token = randomToken();
  const { id } = await trx
    .insertInto('visitors')
    .values({ site_id: siteId, token_hash: hashToken(token), name: null, email: null, created_at: now, last_seen_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { visitorId: id, visitorToken: token };
}

/** The host site is the source of truth for what it sends; fields it leaves out keep their value. */
async function applyIdentifiedFields(trx: Trx, customerId: string, i: TCustomerIdentity, now: Date): Promise<void> {
  await trx
    .updateTable('customers')
    .set({
      last_seen_at: now,
      ...(i.name !== undefined && { name: i.name || null }),
      ...(i.email !== undefined && { email: i.email }),
      ...(i.phone !== undefined && { phone: i.phone }),
      ...(i.vip !== undefined && { vip: i.vip }),
      ...(i.region !== undefined && { region: i.region || null }),
      ...(i.tags !== undefined && { tags: JSON.stringify(i.tags) }),
    })
    .where('id', '=', customerId)
    .execute();
  await repo.syncVisitorsFromCustomer(trx, customerId);
}
