import { inTransaction, sql, type DB, type Kysely } from '@gongzhi/db';
import type { Clock } from './clock';
import { sealPending } from './chain';

/**
 * Seals ballots into their meeting's hash chain shortly after they are cast. Casting never waits
 * for the chain (so ballots from many phones commit in parallel); the sealer appends them in
 * batches, one meeting at a time, under the chain row's lock. A ballot is durable as soon as its
 * cast commits; the chain catches up within `delayMs`, and closing a meeting seals the rest in
 * the closing transaction. After a crash, `sealOpenMeetings` at start picks up what was left.
 */
export class Sealer {
  private readonly pending = new Map<string, { estateId: number; meetingId: number }>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly log: (m: string) => void,
    private readonly delayMs = 200,
  ) {}

  schedule(estateId: number, meetingId: number): void {
    if (this.stopped) return;
    this.pending.set(`${estateId}:${meetingId}`, { estateId, meetingId });
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.delayMs);
      this.timer.unref?.();
    }
  }

  /** Seals every scheduled meeting now; resolves when done. */
  async flush(): Promise<void> {
    if (this.running) await this.running;
    const work = [...this.pending.values()];
    this.pending.clear();
    if (work.length === 0) return;
    this.running = (async () => {
      for (const { estateId, meetingId } of work) {
        try {
          while ((await inTransaction(this.db, (trx) => sealPending(trx, estateId, meetingId, this.clock.now(), 2000))).more) {
            // more than one batch
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
    await this.flush();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) await this.running;
  }
}
