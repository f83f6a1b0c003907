import { randomUUID } from 'node:crypto';
import type { DB, Kysely } from '@gongzhi/db';
import type { Clock } from './clock';
import { BATCH_LINGER_MS, Batcher, groupBy } from '../batcher';
import { type CastResult, type OnlineCastInput, castOnlineBatch } from './ballots';
import { Sealer } from './sealer';
import { type MeetingRecord, loadMeeting } from './meeting';
import * as lifecycle from './lifecycle';
import { readiness } from './lifecycle';

export interface PrintJobState {
  id: string;
  estateId: number;
  meetingId: number;
  status: 'running' | 'succeeded' | 'failed';
  done: number;
  total: number;
  error: string | null;
  file: Buffer | null;
  createdAt: number;
}

/**
 * The assembly's long-lived parts in the server process: the clock, the sealer, print jobs (in
 * memory, like import jobs) and the meeting clock that opens and closes meetings on time.
 */
export class AssemblyService {
  readonly sealer: Sealer;
  readonly printJobs = new Map<string, PrintJobState>();
  private tick: NodeJS.Timeout | null = null;

  constructor(
    readonly db: Kysely<DB>,
    readonly clock: Clock,
    private readonly log: (m: string) => void,
  ) {
    this.sealer = new Sealer(db, clock, log);
  }

  /**
   * The online casting path, batched over concurrent requests (see Batcher): up to 32 requests
   * of one meeting in ONE statement and transaction (castOnlineBatch, cast_online_batch: session,
   * voter's right, scopes, one insert of all their ballots; each request all or nothing).
   */
  readonly onlineCasts = new Batcher<OnlineCastInput, CastResult>((items) => perMeeting(items, (g) => castOnlineBatch(this.db, g[0]!.meeting.estate_id, g[0]!.meeting.id, g)), {
    maxBatch: 32,
    concurrency: 4,
    lingerMs: BATCH_LINGER_MS,
  });

  private readonly castCache = new Map<string, { m: MeetingRecord; at: number }>();
  private readonly castLoads = new Map<string, Promise<MeetingRecord>>();
  /** how long a cached meeting is used as it is; then it is refreshed in the background */
  castCacheMs = 30_000;
  /** meetings loaded for the casting path (tests, the benchmark) */
  readonly castCacheStats = { loads: 0 };

  /**
   * The meeting for the casting path: motions and window cannot change once the notice is
   * published, and the state and window are checked again inside every cast, so the record is
   * cached. Never a stampede: concurrent requests share one load (a cold cache), and an expired
   * record is refreshed by one load in the background while requests go on with it (up to ten
   * times its age limit). Before, every request arriving while the record was reloaded loaded it
   * too: at 3,000 casts/s dozens at once, each on a pool connection, opening new PostgreSQL
   * backends together — a 0.3–0.9 s stall of the machine every 30 s in the vote-load bench.
   */
  async meetingForCast(estateId: number, meetingId: number): Promise<MeetingRecord> {
    const key = `${estateId}:${meetingId}`;
    const hit = this.castCache.get(key);
    const age = hit ? Date.now() - hit.at : Infinity;
    if (hit && age < this.castCacheMs) return hit.m;
    const loading = this.castLoads.get(key) ?? this.loadForCast(key, estateId, meetingId);
    if (hit && age < 10 * this.castCacheMs) {
      loading.catch(() => {}); // a failed refresh: the next request tries again
      return hit.m;
    }
    return loading;
  }

  private loadForCast(key: string, estateId: number, meetingId: number): Promise<MeetingRecord> {
    this.castCacheStats.loads += 1;
    const p = loadMeeting(this.db, estateId, meetingId)
      .then((m) => {
        if (m.state === 'voting') {
          if (this.castCache.size >= 1000) this.castCache.clear();
          this.castCache.set(key, { m, at: Date.now() });
        } else this.castCache.delete(key);
        return m;
      })
      .finally(() => this.castLoads.delete(key));
    this.castLoads.set(key, p);
    return p;
  }

  newPrintJob(estateId: number, meetingId: number, total: number): PrintJobState {
    // keep the last few jobs only: a finished PDF of 3,000 pages is tens of MB
    const old = [...this.printJobs.values()].sort((a, b) => a.createdAt - b.createdAt);
    while (old.length >= 8) this.printJobs.delete((old.shift() as PrintJobState).id);
    const job: PrintJobState = { id: randomUUID(), estateId, meetingId, status: 'running', done: 0, total, error: null, file: null, createdAt: Date.now() };
    this.printJobs.set(job.id, job);
    return job;
  }

  /**
   * Opens meetings whose voting window has begun (when nothing blocks them) and closes those
   * whose window has ended, as the system (audit actor null). Every `seconds`; 0 = off.
   */
  startMeetingClock(seconds: number): void {
    if (seconds <= 0) return;
    this.tick = setInterval(() => {
      this.runMeetingClock().catch((err: unknown) => this.log(`gongzhi: the meeting clock failed: ${(err as Error).message}`));
    }, seconds * 1000);
    this.tick.unref?.();
  }

  async runMeetingClock(): Promise<void> {
    const now = this.clock.now();
    const due = await this.db
      .selectFrom('meetings')
      .select(['estate_id', 'id', 'state'])
      .where((eb) => eb.or([eb.and([eb('state', '=', 'notice'), eb('opens_at', '<=', now)]), eb.and([eb('state', '=', 'voting'), eb('closes_at', '<=', now)])]))
      .execute();
    for (const d of due) {
      try {
        const m = await loadMeeting(this.db, d.estate_id, d.id);
        const r = await readiness(this.db, m, now);
        if (!r.ready) continue;
        if (d.state === 'notice') await lifecycle.open(this.db, d.estate_id, d.id, { accountId: null }, now);
        else await lifecycle.close(this.db, d.estate_id, d.id, { accountId: null }, now);
      } catch (err) {
        this.log(`gongzhi: the meeting clock could not move meeting ${d.id}: ${(err as Error).message}`);
      }
    }
  }

  async stop(): Promise<void> {
    if (this.tick) clearInterval(this.tick);
    await this.sealer.stop();
  }
}

/** Runs `run` once per meeting among the items and puts the answers back in the items' order. */
async function perMeeting<I extends { meeting: MeetingRecord }, O>(items: I[], run: (group: I[]) => Promise<Array<O | Error>>): Promise<Array<O | Error>> {
  const out: Array<O | Error> = new Array(items.length);
  await Promise.all(
    [...groupBy(items, (x) => `${x.meeting.estate_id}:${x.meeting.id}`).values()].map(async (g) => {
      try {
        const results = await run(g.map((x) => x.item));
        g.forEach((x, k) => (out[x.index] = results[k] as O | Error));
      } catch (err) {
        for (const x of g) out[x.index] = err instanceof Error ? err : new Error(String(err));
      }
    }),
  );
  return out;
}
