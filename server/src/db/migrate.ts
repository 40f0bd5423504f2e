import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as foundation from './migrations/2026-11-23-foundation';
import * as knowledge from './migrations/2026-12-01-knowledge';
import * as complaints from './migrations/2026-11-24-complaints';
import * as surveys from './migrations/2026-11-24-surveys';
import * as trust from './migrations/2026-11-24-trust';
import * as audit from './migrations/2026-12-01-audit';
import * as monitor from './migrations/2026-12-01-monitor';
import * as admin from './migrations/2026-12-01-admin';
import * as chatAttachments from './migrations/2026-12-01-chat-attachments';
import * as reports from './migrations/2026-12-01-reports';
import * as customers from './migrations/2026-12-01-customers';
import * as hotWrites from './migrations/2026-12-01-hot-writes';
import * as waitingIndex from './migrations/2026-12-02-waiting-index';
import * as messageIds from './migrations/2026-12-04-message-ids';
import * as userLocale from './migrations/2026-12-06-user-locale';
import * as attachmentDeletions from './migrations/2026-12-06-attachment-deletions';
import * as conversationAnnouncements from './migrations/2026-12-06-conversation-announcements';

/**
 * Migrations, named by date; listed here so they work the same from source and bundles. They run in
 * the order of their names, as listed: a new one needs a name that sorts after every other.
 */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-23-foundation': foundation,
  '2026-11-24-complaints': complaints,
  '2026-11-24-surveys': surveys,
  '2026-11-24-trust': trust,
  '2026-12-01-admin': admin,
  '2026-12-01-audit': audit,
  '2026-12-01-chat-attachments': chatAttachments,
  '2026-12-01-customers': customers,
  '2026-12-01-hot-writes': hotWrites,
  '2026-12-01-knowledge': knowledge,
  '2026-12-01-monitor': monitor,
  '2026-12-01-reports': reports,
  '2026-12-02-waiting-index': waitingIndex,
  '2026-12-04-message-ids': messageIds,
  '2026-12-06-user-locale': userLocale,
  '2026-12-06-attachment-deletions': attachmentDeletions,
  '2026-12-06-conversation-announcements': conversationAnnouncements,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema up to date; safe to run from several processes at once (Kysely takes a lock). */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider, allowUnorderedMigrations: true }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
