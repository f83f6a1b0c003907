import { inTransaction, sql, type DB, type Kysely } from '@gongzhi/db';
import type { Clock } from './clock';
import { sealCandidate, sealPending, watermarkSettled, type SealCandidate } from './chain';

/**
 * Seals ballots into their meeting's hash chain shortly after they are cast. Casting never waits
 * for the chain (so ballots from many phones commit in parallel); the sealer appends them in
 * batches, one meeting at a time, under the chain row's lock. A ballot is durable as soon as its
 * cast commits; the chain catches up within two rounds (`delayMs` each), and closing a meeting
 * seals the rest in the closing transaction. After a crash, `sealOpenMeetings` at start picks up
 * what was left.
 *
 * Each round seals up to the watermark read one round before (sealCandidate), once every
 * transaction that was in flight then has ended (watermarkSettled) — without any lock the casts
 * take, so casting never waits for the sealer. If a long transaction keeps a candidate from
 * settling for `fallbackMs`, the round takes the bound under the meeting's casting lock instead.
 */
export class Sealer {
  private readonly pending = new Map<string, { estateId: number; meetingId: number }>();
  /** per meeting: the watermark candidate for the next round, and when casts last asked for sealing */
  private readonly candidates = new Map<string, SealCandidate>();
  private readonly lastAsked = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  /** rounds by kind, for tests and the benchmark */
  readonly stats = { watermark: 0, locked: 0, waited: 0 };

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly log: (m: string) => void,
    /**
     * 50 ms: small rounds (at 2,600 casts/s some 260 ballots each, not 1,000) spread the
     * sealer's hashing and its chain inserts instead of bursts that the casts queue behind
     * (fixed-rate comparison, docs/benchmarks.md: p99 54–64 ms against 66–79 ms with 200 ms),
     * and a ballot's place in the chain shows within about a tenth of a second.
     */
    private readonly delayMs = 50,
    private readonly fallbackMs = 2000,
  ) {}

  schedule(estateId: number, meetingId: number): void {
    if (this.stopped) return;
    const key = `${estateId}:${meetingId}`;
    this.pending.set(key, { estateId, meetingId });
    this.lastAsked.set(key, Date.now());
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.delayMs);
      this.timer.unref?.();
    }
  }

  /** Seals every scheduled meeting now, as far as is safe; `locked`: all of it, under the casting lock. */
  async flush(locked = false): Promise<void> {
    if (this.running) await this.running;
    const work = [...this.pending.entries()];
    this.pending.clear();
    if (work.length === 0) return;
    this.running = (async () => {
      for (const [key, { estateId, meetingId }] of work) {
        try {
          const prev = this.candidates.get(key);
          let watermark: number | undefined;
          if (!locked) {
            if (prev && (await watermarkSettled(this.db, prev))) watermark = prev.top;
            else if (!prev || Date.now() - prev.at < this.fallbackMs) {
              // nothing proven safe yet: read a candidate (unless one is still settling), come back
              if (!prev) this.candidates.set(key, await sealCandidate(this.db));
              this.stats.waited += 1;
              this.schedule(estateId, meetingId);
              continue;
            }
          }
          // the candidate for the next round, read before sealing what the last one proved safe
          const next = locked ? null : await sealCandidate(this.db);
          while ((await inTransaction(this.db, (trx) => sealPending(trx, estateId, meetingId, this.clock.now(), 2000, watermark))).more) {
            // more than one batch
          }
          if (watermark === undefined) {
            this.stats.locked += 1;
            if (next) this.candidates.set(key, next);
            else this.candidates.delete(key);
          } else {
            this.stats.watermark += 1;
            // casts since the candidate this round used may be above it: one more round for them,
            // with the candidate just read; none: the meeting is quiet, forget it
            if ((this.lastAsked.get(key) ?? 0) >= prev!.at) {
              this.candidates.set(key, next!);
              this.schedule(estateId, meetingId);
            } else this.candidates.delete(key);
          }
        } catch (err) {
          this.log(`gongzhi: sealing ballots of meeting ${meetingId} failed and will be retried: ${(err as Error).message}`);
          this.schedule(estateId, meetingId);
        }
      }
    })();
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }

  /** At start: seal what a crash may have left unsealed in meetings still voting. */
  async sealOpenMeetings(): Promise<void> {
    const rows = (
      await sql<{ estate_id: number; meeting_id: number }>`
        select mc.estate_id, mc.meeting_id from meeting_chains mc
        where exists (select 1 from ballots b where b.estate_id = mc.estate_id and b.id > mc.sealed_through and b.meeting_id = mc.meeting_id
          and not exists (select 1 from ballot_chain c where c.estate_id = b.estate_id and c.ballot_id = b.id))`.execute(this.db)
    ).rows.map((r) => ({ estate_id: Number(r.estate_id), meeting_id: Number(r.meeting_id) }));
    for (const r of rows) this.pending.set(`${r.estate_id}:${r.meeting_id}`, { estateId: r.estate_id, meetingId: r.meeting_id });
    await this.flush(true);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) await this.running;
  }
}
