import { createHash } from 'node:crypto';
import { inTransaction, sql, writeAudit, type DB, type Kysely } from '@gongzhi/db';
import type { z } from 'zod';
import type { ClaimFields } from '@gongzhi/contracts';
import { AppError } from '../errors';
import type { SignedIn } from '../auth/context';
import { hashIdNumber, normalizeIdNumber } from '../privacy/id-number';
import { maskIdNumber } from '../privacy/mask';

export interface ProofFile {
  name: string;
  contentType: string;
  buffer: Buffer;
}

const normalizeDoc = (s: string) => s.replace(/\s+/g, '').replace(/[（]/g, '(').replace(/[）]/g, ')').toUpperCase();
const normalizeName = (s: string) => s.replace(/\s+/g, '');

/** Grants the owner role on an estate (idempotent). */
export async function grantOwnerRole(trx: Kysely<DB>, accountId: number, estateId: number): Promise<void> {
  await sql`insert into role_grants (account_id, role, estate_id) values (${accountId}, 'owner', ${estateId}) on conflict do nothing`.execute(trx);
}

/**
 * An owner claims a unit. A registry match (current holder of the unit has an owner with the
 * same name and ID number, and the ownership carries the given certificate or contract number)
 * binds at once; otherwise the claim needs an uploaded proof and goes to review.
 */
export async function claimUnit(
  db: Kysely<DB>,
  idKey: string,
  auth: SignedIn,
  fields: z.infer<typeof ClaimFields>,
  proof: ProofFile | null,
): Promise<{ claimId: number; estateId: number; status: 'bound' | 'pending' }> {
  const idHash = hashIdNumber(idKey, fields.idNumber);
  const idMasked = maskIdNumber(normalizeIdNumber(fields.idNumber));
  const docNo = normalizeDoc(fields.documentNo);
  return inTransaction(db, async (trx) => {
    const estate = await trx.selectFrom('estates').select('id').where('id', '=', fields.estateId).executeTakeFirst();
    if (!estate) throw new AppError('ESTATE_NOT_FOUND', { field: 'estateId' });
    const unit = await trx.selectFrom('units').select(['id']).where('estate_id', '=', fields.estateId).where('number', '=', fields.unitNumber.trim()).executeTakeFirst();
    if (!unit) throw new AppError('UNIT_NOT_FOUND', { field: 'unitNumber' });
    const open = await trx
      .selectFrom('claims')
      .select('id')
      .where('estate_id', '=', fields.estateId)
      .where('account_id', '=', auth.account.id)
      .where('unit_id', '=', unit.id)
      .where('status', 'in', ['pending', 'bound', 'approved'])
      .executeTakeFirst();
    if (open) throw new AppError('CLAIM_ALREADY_OPEN', { field: 'unitNumber' });

    const ownership = await trx
      .selectFrom('ownerships')
      .select(['holder_id', 'certificate_no', 'contract_no'])
      .where('estate_id', '=', fields.estateId)
      .where('unit_id', '=', unit.id)
      .where('valid_to', 'is', null)
      .executeTakeFirst();
    const docMatches = ownership
      ? fields.documentKind === 'certificate'
        ? !!ownership.certificate_no && normalizeDoc(ownership.certificate_no) === docNo
        : !!ownership.contract_no && normalizeDoc(ownership.contract_no) === docNo
      : false;
    const owner = ownership && docMatches
      ? await trx
          .selectFrom('owners')
          .select(['id', 'name', 'account_id'])
          .where('estate_id', '=', fields.estateId)
          .where('holder_id', '=', ownership.holder_id)
          .where('id_number_hash', '=', idHash)
          .executeTakeFirst()
      : undefined;
    const matched = owner && normalizeName(owner.name) === normalizeName(fields.name) && (owner.account_id === null || owner.account_id === auth.account.id);

    let proofFileId: number | null = null;
    if (!matched) {
      if (!proof) throw new AppError('CLAIM_PROOF_REQUIRED', { field: 'proof' });
      const file = await trx
        .insertInto('files')
        .values({
          estate_id: fields.estateId,
          name: proof.name,
          content_type: proof.contentType,
          size: proof.buffer.length,
          sha256: createHash('sha256').update(proof.buffer).digest('hex'),
          content: proof.buffer,
          uploaded_by: auth.account.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      proofFileId = file.id;
    }
    const status = matched ? ('bound' as const) : ('pending' as const);
    const claim = await trx
      .insertInto('claims')
      .values({
        estate_id: fields.estateId,
        account_id: auth.account.id,
        unit_id: unit.id,
        claimant_name: fields.name,
        id_number_hash: idHash,
        id_number_masked: idMasked,
        document_kind: fields.documentKind,
        document_no: fields.documentNo.trim(),
        proof_file_id: proofFileId,
        status,
        owner_id: matched ? owner.id : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (matched) {
      await trx.updateTable('owners').set({ account_id: auth.account.id }).where('estate_id', '=', fields.estateId).where('id', '=', owner.id).execute();
      await grantOwnerRole(trx, auth.account.id, fields.estateId);
    }
    await writeAudit(trx, {
      actorId: auth.account.id, action: matched ? 'claim.bind' : 'claim.submit', entity: 'claim', entityId: claim.id, estateId: fields.estateId,
      after: { unitId: unit.id, status, documentKind: fields.documentKind, idNumber: idMasked }, ip: auth.ip, requestId: auth.requestId,
    });
    return { claimId: claim.id, estateId: fields.estateId, status };
  });
}

/** A reviewer approves a pending claim: the claimant becomes an owner of the unit's holder. */
export async function approveClaim(db: Kysely<DB>, auth: SignedIn, estateId: number, claimId: number): Promise<number> {
  return inTransaction(db, async (trx) => {
    const claim = await trx.selectFrom('claims').selectAll().where('estate_id', '=', estateId).where('id', '=', claimId).forUpdate().executeTakeFirst();
    if (!claim) throw new AppError('CLAIM_NOT_FOUND');
    if (claim.status !== 'pending') throw new AppError('CLAIM_NOT_PENDING');
    const now = new Date();
    let ownership = await trx.selectFrom('ownerships').select(['holder_id']).where('estate_id', '=', estateId).where('unit_id', '=', claim.unit_id).where('valid_to', 'is', null).executeTakeFirst();
    if (!ownership) {
      // A unit without a registered holder: the reviewed claimant becomes its holder from now on.
      const holder = await trx
        .insertInto('holders')
        .values({ estate_id: estateId, kind: 'person', name: claim.claimant_name, group_key: `person:${claim.id_number_hash}` })
        .onConflict((oc) => oc.columns(['estate_id', 'group_key']).doUpdateSet({ name: claim.claimant_name }))
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('ownerships').values({ estate_id: estateId, unit_id: claim.unit_id, holder_id: holder.id, valid_from: now, source: 'manual', ...(claim.document_kind === 'certificate' ? { certificate_no: claim.document_no } : { contract_no: claim.document_no }) }).execute();
      ownership = { holder_id: holder.id };
    }
    let owner = await trx
      .selectFrom('owners')
      .select(['id'])
      .where('estate_id', '=', estateId)
      .where('holder_id', '=', ownership.holder_id)
      .where('id_number_hash', '=', claim.id_number_hash)
      .executeTakeFirst();
    if (!owner) {
      owner = await trx
        .insertInto('owners')
        .values({ estate_id: estateId, holder_id: ownership.holder_id, name: claim.claimant_name, id_number_hash: claim.id_number_hash, id_number_masked: claim.id_number_masked, account_id: claim.account_id })
        .returning('id')
        .executeTakeFirstOrThrow();
    } else {
      await trx.updateTable('owners').set({ account_id: claim.account_id }).where('estate_id', '=', estateId).where('id', '=', owner.id).execute();
    }
    await trx.updateTable('claims').set({ status: 'approved', owner_id: owner.id, reviewed_by: auth.account.id, reviewed_at: now }).where('estate_id', '=', estateId).where('id', '=', claimId).execute();
    await grantOwnerRole(trx, claim.account_id, estateId);
    await writeAudit(trx, { actorId: auth.account.id, action: 'claim.approve', entity: 'claim', entityId: claimId, estateId, before: { status: 'pending' }, after: { status: 'approved', ownerId: owner.id }, ip: auth.ip, requestId: auth.requestId });
    return claimId;
  });
}

export async function rejectClaim(db: Kysely<DB>, auth: SignedIn, estateId: number, claimId: number, reason: string): Promise<number> {
  return inTransaction(db, async (trx) => {
    const claim = await trx.selectFrom('claims').select(['status']).where('estate_id', '=', estateId).where('id', '=', claimId).forUpdate().executeTakeFirst();
    if (!claim) throw new AppError('CLAIM_NOT_FOUND');
    if (claim.status !== 'pending') throw new AppError('CLAIM_NOT_PENDING');
    await trx.updateTable('claims').set({ status: 'rejected', reason, reviewed_by: auth.account.id, reviewed_at: new Date() }).where('estate_id', '=', estateId).where('id', '=', claimId).execute();
    await writeAudit(trx, { actorId: auth.account.id, action: 'claim.reject', entity: 'claim', entityId: claimId, estateId, before: { status: 'pending' }, after: { status: 'rejected', reason }, ip: auth.ip, requestId: auth.requestId });
    return claimId;
  });
}
