export * from './schema';
export { openDatabase, inTransaction, ping, PREPARED, type Database, type DatabaseKind, type OpenOptions } from './database';
export { migrate, migrations } from './migrations';
export { writeAudit, type AuditEntry } from './audit';
export { sql, type Kysely, type Transaction } from 'kysely';
