// Writes a realistic ballot bundle for the recount benchmark:
// 20,000 units (flats, parking spaces, the builder's unsold stock) held by ~15,000 holders,
// 2 resolutions and 1 committee election, ~10,000 ballots each (~30,000 in all), hash-chained.
// Usage: node --import tsx bench/recount/generate.ts OUT.json [--seed N]
import { writeFileSync } from 'node:fs';
import { type Ballot, type Bundle, type ElectionBallot, type Holder, type Motion, type ResolutionBallot, type Unit, BUNDLE_FORMAT, formatArea, sealBallots, seededRandom } from '@gongzhi/core';

const out = process.argv[2];
if (!out) throw new Error('usage: generate.ts OUT.json [--seed N]');
const seedIndex = process.argv.indexOf('--seed');
const random = seededRandom(seedIndex > 0 ? Number(process.argv[seedIndex + 1]) : 20260301);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const flatArea = () => formatArea(BigInt(int(4500, 18000))); // 45.00–180.00 m²
const parkingArea = () => formatArea(BigInt(int(1200, 1500))); // 12.00–15.00 m²

const UNITS = 20_000;
const BUILDER_UNITS = 600;
const TWO_UNIT_HOLDERS = 4_400; // a flat and a parking space each
const holders: Holder[] = [{ id: 'builder', kind: 'builder' }];
const units: Unit[] = [];
let flatNo = 0;
const nextFlatId = () => {
  const n = flatNo++;
  return `B${String(Math.floor(n / 480) + 1).padStart(2, '0')}-${String(Math.floor((n % 480) / 16) + 1).padStart(2, '0')}${String((n % 16) + 1).padStart(2, '0')}`;
};
let parkingNo = 0;
const nextParkingId = () => `P-${String(++parkingNo).padStart(4, '0')}`;

for (let i = 0; i < BUILDER_UNITS; i++) units.push({ id: i % 3 === 0 ? nextParkingId() : nextFlatId(), holder: 'builder', area: i % 3 === 0 ? parkingArea() : flatArea() });
for (let i = 0; i < TWO_UNIT_HOLDERS; i++) {
  const id = `H${String(holders.length).padStart(5, '0')}`;
  holders.push({ id, kind: i % 10 === 0 ? 'co_owners' : 'person' });
  units.push({ id: nextFlatId(), holder: id, area: flatArea() }, { id: nextParkingId(), holder: id, area: parkingArea() });
}
while (units.length < UNITS) {
  const id = `H${String(holders.length).padStart(5, '0')}`;
  holders.push({ id, kind: holders.length % 97 === 0 ? 'organization' : 'person' });
  units.push({ id: nextFlatId(), holder: id, area: flatArea() });
}

const opensAt = Date.parse('2026-03-01T00:00:00+08:00');
const closesAt = Date.parse('2026-03-16T20:00:00+08:00');
const window = { opensAt: '2026-03-01T00:00:00+08:00', closesAt: '2026-03-16T20:00:00+08:00' };
const candidates = Array.from({ length: 12 }, (_, i) => ({ id: `c${i + 1}`, name: `候选人${i + 1}` }));
const motions: Motion[] = [
  { id: 'm1', title: '续聘物业服务企业', matter: 'property_manager', kind: 'resolution', ...window },
  { id: 'm2', title: '续筹专项维修资金', matter: 'fund_raise', kind: 'resolution', ...window },
  { id: 'e1', title: '选举第二届业主委员会', matter: 'committee_election', kind: 'election', ...window, seats: 7, candidates },
];

type Unsealed = (Omit<ResolutionBallot, 'hash' | 'seq'> | Omit<ElectionBallot, 'hash' | 'seq'>) & { at: number };
const cast: Unsealed[] = [];
const toRfc3339 = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().replace('Z', '+08:00');
const channels = ['online', 'online', 'online', 'paper', 'proxy'] as const;
const choices = ['approve', 'approve', 'approve', 'reject', 'abstain', 'invalid'] as const;
for (const motion of motions) {
  for (const holder of holders) {
    if (random() >= 0.667) continue; // ~2/3 take part in each motion
    const at = int(opensAt, closesAt);
    const base = { motion: motion.id, holder: holder.id, channel: channels[int(0, channels.length - 1)] ?? 'online', castAt: toRfc3339(at), at };
    if (motion.kind === 'resolution') cast.push({ ...base, choice: choices[int(0, choices.length - 1)] ?? 'approve' });
    else {
      const picks = new Set<string>();
      const n = int(0, 7);
      while (picks.size < n) picks.add(`c${Math.min(int(1, 12), int(1, 12))}`); // earlier candidates are more popular
      cast.push({ ...base, approve: [...picks] });
    }
  }
}
cast.sort((a, b) => a.at - b.at);
const { ballots, chainHead } = sealBallots(cast.map(({ at: _at, ...b }, i) => ({ seq: i + 1, ...b })));
const bundle: Bundle = {
  format: BUNDLE_FORMAT,
  estate: { id: 'bench-20k', name: '基准测试小区（两万户）' },
  holders,
  units,
  motions,
  ballots: ballots as Ballot[],
  chainHead,
};
writeFileSync(out, `${JSON.stringify(bundle)}\n`);
console.log(`wrote ${out}: ${holders.length} holders, ${units.length} units, ${motions.length} motions, ${ballots.length} ballots`);
