// Versioned schema migrations of the SQLite store, applied in order by Kysely's Migrator. One module per migration.
import type { Migration, MigrationProvider } from 'kysely';
import { eventsMigration } from './migrations/0001-events.ts';
import { alertsMigration } from './migrations/0002-alerts.ts';
import { intelMigration } from './migrations/0003-intel.ts';
import { authMigration } from './migrations/0004-auth.ts';
import { workflowMigration } from './migrations/0005-workflow.ts';
import { enrichmentMigration } from './migrations/0006-enrichment.ts';
import { eventMinutesMigration } from './migrations/0007-event-minutes.ts';
import { detectionStateMigration } from './migrations/0008-detection-state.ts';

const migrations: Record<string, Migration> = {
  '0001-events': eventsMigration,
  '0002-alerts': alertsMigration,
  '0003-intel': intelMigration,
  '0004-auth': authMigration,
  '0005-workflow': workflowMigration,
  '0006-enrichment': enrichmentMigration,
  '0007-event-minutes': eventMinutesMigration,
  '0008-detection-state': detectionStateMigration,
};

export const sqliteMigrations: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
