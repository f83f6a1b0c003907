import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, sql } from '@gongzhi/db';
import { createTestPlatform, type TestPlatform } from '../support/platform';

/**
 * ../shared/notes/stack.md trap 1: with an off-the-shelf PGlite dialect a write made outside a
 * failing transaction, while it runs, is rolled back with it.
 *
 * The first test holds a failing transaction open across other writers and fails on such a driver
 * (checked by swapping the mutex out: 0 of 20 concurrent writes survived). The HTTP tests run
 * failing transactions among concurrent requests end to end, on PGlite and on PostgreSQL, where
 * the claim race is settled by the database's unique index; through HTTP the window in which a
 * broken driver would lose a write is too short to hit reliably, so they are not the proof of
 * the serialisation, the first test is.
 */
describe('concurrent transactions', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform({ seed: 'demo' });
  });
  afterAll(() => p.close());

  it('a failing transaction does not take concurrent writes with it (database level)', async () => {
    const db = p.deps.db;
    const estate = await db.selectFrom('estates').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const failing = inTransaction(db, async (trx) => {
      await trx.insertInto('notices').values({ estate_id: estate.id, title: 'doomed', body: 'x' }).execute();
      await new Promise((r) => setTimeout(r, 50));
      await trx.insertInto('notices').values({ estate_id: estate.id, title: 'doomed-2', body: 'x' }).execute();
      throw new Error('boom');
    });
    const writers = Array.from({ length: 20 }, (_, i) => db.insertInto('notices').values({ estate_id: estate.id, title: `kept-${i}`, body: 'x' }).execute());
    await expect(failing).rejects.toThrow('boom');
    await Promise.all(writers);
    const titles = (await db.selectFrom('notices').select('title').where('estate_id', '=', estate.id).execute()).map((r) => r.title);
    expect(titles.filter((t) => t.startsWith('kept-'))).toHaveLength(20);
    expect(titles.filter((t) => t.startsWith('doomed'))).toHaveLength(0);
  });

  it('`db` instead of `trx` inside a transaction: refused on PGlite (it would deadlock there), a query of its own on PostgreSQL', async () => {
    const db = p.deps.db;
    const misuse = inTransaction(db, async (trx) => {
      await trx.selectFrom('estates').select('id').limit(1).execute();
      return (await db.selectFrom('estates').select('id').limit(1).execute()).length;
    });
    if (p.database.kind === 'pglite') await expect(misuse).rejects.toThrow(/use `trx`/);
    // PostgreSQL: no guard (an AsyncLocalStorage would cost every promise of the server); the
    // mistake is caught by this suite on PGlite
    else await expect(misuse).resolves.toBe(1);
  });

  it('concurrent HTTP requests where one transaction fails: every acknowledged write stays, the failed one leaves nothing', async () => {
    const admin = await p.client().demoLogin('demo-admin');
    const estates = (await admin.get<{ items: Array<{ id: number; name: string; neighborhoodId: number }> }>('/api/estates?pageSize=100')).body.items;
    const a = estates.find((e) => e.name === '阳光花园')!;
    const b = estates.find((e) => e.name === '荷塘小区')!; // same neighborhood: renaming b to a's name violates a unique key
    const auditBefore = await p.deps.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('c')).where('action', '=', 'estate.update').executeTakeFirstOrThrow();
    // Failing transactions interleaved with successful ones.
    const requests = Array.from({ length: 80 }, (_, i) =>
      i % 8 === 3
        ? admin.request('PATCH', `/api/estates/${b.id}`, { name: a.name, address: 'changed in a failing transaction' })
        : admin.post(`/api/estates/${a.id}/notices`, { title: `concurrent-${i}`, body: '…' }),
    );
    const replies = await Promise.all(requests);
    const failed = replies.filter((_, i) => i % 8 === 3);
    for (const f of failed) {
      expect(f.status).toBe(409);
      expect((f.body as { error: { code: string } }).error.code).toBe('CONFLICT');
    }
    const ok = replies.filter((r) => r.status === 201);
    expect(ok).toHaveLength(70);
    const stored = await p.deps.db.selectFrom('notices').select('title').where('estate_id', '=', a.id).where('title', 'like', 'concurrent-%').execute();
    expect(stored).toHaveLength(70);
    const audits = await p.deps.db.selectFrom('audit_log').select('after').where('action', '=', 'notice.publish').where('estate_id', '=', a.id).execute();
    expect(audits.length).toBeGreaterThanOrEqual(70);
    const bNow = await p.deps.db.selectFrom('estates').select(['name', 'address']).where('id', '=', b.id).executeTakeFirstOrThrow();
    expect(bNow.name).toBe('荷塘小区');
    expect(bNow.address).not.toBe('changed in a failing transaction');
    const auditAfter = await p.deps.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('c')).where('action', '=', 'estate.update').executeTakeFirstOrThrow();
    expect(Number(auditAfter.c)).toBe(Number(auditBefore.c));
  });

  it('racing identical claims: exactly one is recorded (a database constraint decides), and concurrent writes stay', async () => {
    const db = p.deps.db;
    const estate = await db.selectFrom('estates').select('id').where('name', '=', '阳光花园').executeTakeFirstOrThrow();
    const unit = await db.selectFrom('units').select('number').where('estate_id', '=', estate.id).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const owner = p.client();
    const otp = await owner.post<{ code: string }>('/api/auth/otp/request', { phone: '13300000077' });
    await owner.post('/api/auth/otp/verify', { phone: '13300000077', code: otp.body.code });
    const chair = await p.client().demoLogin('demo-chair');
    const png = Buffer.alloc(200_000, 7); // a proof large enough that writing it takes a moment
    const fields = { estateId: String(estate.id), unitNumber: unit.number, name: '并发', idNumber: '110105199001011234', documentKind: 'contract', documentNo: 'RACE-1' };
    const requests = Array.from({ length: 40 }, (_, i) =>
      i % 4 === 0
        ? owner.multipart('/api/claims', fields, { proof: { name: 'p.png', type: 'image/png', data: png } })
        : chair.post(`/api/estates/${estate.id}/notices`, { title: `race-${i}`, body: '…' }),
    );
    const replies = await Promise.all(requests);
    const claimReplies = replies.filter((_, i) => i % 4 === 0);
    expect(claimReplies.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of claimReplies.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(409);
      expect(['CLAIM_ALREADY_OPEN', 'CONFLICT']).toContain((r.body as { error: { code: string } }).error.code);
    }
    const noticeReplies = replies.filter((_, i) => i % 4 !== 0);
    expect(noticeReplies.every((r) => r.status === 201)).toBe(true);
    const stored = await db.selectFrom('notices').select('title').where('estate_id', '=', estate.id).where('title', 'like', 'race-%').execute();
    expect(stored).toHaveLength(30);
    const claims = await db.selectFrom('claims').select('id').where('estate_id', '=', estate.id).where('document_no', '=', 'RACE-1').execute();
    expect(claims).toHaveLength(1);
    // the proofs of the refused claims were rolled back with them
    const files = await db.selectFrom('files').select('id').where('estate_id', '=', estate.id).where('size', '=', png.length).execute();
    expect(files).toHaveLength(1);
  });

  it('using db instead of trx inside a transaction fails loudly on PGlite instead of deadlocking', async () => {
    if (p.database.kind !== 'pglite') {
      // On PostgreSQL the same mistake silently runs outside the transaction; the PGlite run catches it.
      expect(p.database.kind).toBe('postgres');
      return;
    }
    const db = p.deps.db;
    await expect(inTransaction(db, async () => sql`select 1`.execute(db))).rejects.toThrow(/use `trx`/);
  });
});
