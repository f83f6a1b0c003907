import type { Kysely } from 'kysely';
import type { DB } from './schema';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  estateId?: number | null;
  jurisdictionId?: number | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  requestId?: string | null;
}

/** Writes one audit record. Call it with the transaction's `trx`, never with `db`. */
export async function writeAudit(trx: Kysely<DB>, e: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      actor_id: e.actorId,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId == null ? null : String(e.entityId),
      estate_id: e.estateId ?? null,
      jurisdiction_id: e.jurisdictionId ?? null,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      ip: e.ip ?? null,
      request_id: e.requestId ?? null,
    })
    .execute();
}
