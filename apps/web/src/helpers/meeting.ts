import type {
  AnswerInputT,
  ChoiceT,
  ConvenerT,
  MatterCodeT,
  MeetingCreateBodyT,
  MeetingDetailT,
  MeetingFormT,
  MeetingStateT,
  MotionKindT,
  MotionViewT,
  ThresholdT,
} from '../api/types';

/**
 * Pure logic of owners' assembly meetings for the web app: thresholds of the art. 278 matters,
 * the meeting editor's draft (China time, validation mirroring the contract), ballot answers and
 * the stepper. Nothing here counts votes: results come from the server (gongzhi.recount/1).
 */

/**
 * The nine matters of CC 278(1) in item order (the contract's `matterCodes`, repeated here because
 * importing a value from assembly.ts would pull zod into the bundle; the types keep them equal).
 */
export const MATTERS = [
  'rules_of_procedure',
  'covenant',
  'committee_election',
  'property_manager',
  'fund_use',
  'fund_raise',
  'rebuild',
  'common_use_change',
  'other_major',
] as const satisfies readonly MatterCodeT[];
type MissingMatter = Exclude<MatterCodeT, (typeof MATTERS)[number]>;
const allMatters: [MissingMatter] extends [never] ? true : MissingMatter = true;
void allMatters;

/** CC 278(2): items 6–8 (raise the fund, rebuild, change the use of common parts) need 双四分之三. */
export const SUPERMAJORITY_MATTERS: ReadonlySet<MatterCodeT> = new Set<MatterCodeT>(['fund_raise', 'rebuild', 'common_use_change']);

export function thresholdOf(matter: MatterCodeT): ThresholdT {
  return SUPERMAJORITY_MATTERS.has(matter) ? 'supermajority' : 'majority';
}

/** The item number of a matter in CC 278(1), 1–9. */
export function matterItem(matter: MatterCodeT): number {
  return (MATTERS as readonly MatterCodeT[]).indexOf(matter) + 1;
}

export const CHOICES: readonly ChoiceT[] = ['approve', 'reject', 'abstain'];
export const MEETING_FORMS: readonly MeetingFormT[] = ['written', 'collective'];
export const CONVENERS: readonly ConvenerT[] = ['committee', 'interim_committee', 'prep_group', 'subdistrict'];

// ------------------------------------------------------------------ state

export const STEPS: readonly MeetingStateT[] = ['draft', 'notice', 'voting', 'closed', 'final', 'archived'];

/** Index of the state in the stepper (cancelled: -1). */
export function stepIndex(state: MeetingStateT): number {
  return STEPS.indexOf(state);
}

export function stateTagType(state: MeetingStateT): 'info' | 'warning' | 'success' | 'primary' | 'danger' {
  switch (state) {
    case 'draft':
      return 'info';
    case 'notice':
      return 'warning';
    case 'voting':
      return 'primary';
    case 'closed':
    case 'final':
      return 'success';
    case 'cancelled':
      return 'danger';
    default:
      return 'info';
  }
}

/** States in which the meeting can still be cancelled. */
export function canCancel(state: MeetingStateT): boolean {
  return state === 'draft' || state === 'notice' || state === 'voting';
}

// ------------------------------------------------------------------ China time

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "2025-03-01T09:00" read as China time (UTC+8, no daylight saving) → ISO 8601 in UTC. */
export function chinaLocalToIso(local: string): string | null {
  const m = LOCAL_RE.exec(local.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)) - CHINA_OFFSET_MS;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** ISO 8601 instant → "2025-03-01T09:00" in China time. */
export function isoToChinaLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return '';
  const d = new Date(t + CHINA_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/**
 * A motion as the notice names it ("议题 1 续聘…"), found by its id among the meeting's motions;
 * the id itself if the motion is not among them.
 */
export function motionLabel(motions: ReadonlyArray<{ id: string; number: number; title: string }>, id: string, t: (key: string, named: Record<string, unknown>) => string): string {
  const m = motions.find((x) => x.id === id);
  return m ? t('vote.motionLabel', { n: m.number, title: m.title }) : id;
}

/** An instant shown in China time whatever the browser's zone: "2025-03-01 09:00". */
export function formatChinaTime(iso: string | null | undefined): string {
  const local = isoToChinaLocal(iso);
  return local ? local.replace('T', ' ') : '—';
}

// ------------------------------------------------------------------ editor draft

export interface CandidateDraft {
  key: number;
  name: string;
  statement: string;
}
export interface MotionDraft {
  key: number;
  kind: MotionKindT;
  title: string;
  description: string;
  matter: MatterCodeT;
  /** empty = every unit of the estate */
  scopeBuildingIds: number[];
  seats: number;
  candidates: CandidateDraft[];
}
export interface MeetingDraft {
  title: string;
  description: string;
  form: MeetingFormT;
  convener: ConvenerT;
  location: string;
  /** China time, "YYYY-MM-DDTHH:mm" */
  opensAt: string;
  closesAt: string;
  motions: MotionDraft[];
}

let nextKey = 1;
const key = () => nextKey++;

export function newCandidate(): CandidateDraft {
  return { key: key(), name: '', statement: '' };
}

export function newMotion(kind: MotionKindT): MotionDraft {
  return {
    key: key(),
    kind,
    title: '',
    description: '',
    matter: kind === 'election' ? 'committee_election' : 'other_major',
    scopeBuildingIds: [],
    seats: 1,
    candidates: kind === 'election' ? [newCandidate()] : [],
  };
}

export function emptyDraft(): MeetingDraft {
  return { title: '', description: '', form: 'written', convener: 'committee', location: '', opensAt: '', closesAt: '', motions: [] };
}

/** The editor's draft of a stored meeting (editing a draft meeting). */
export function draftFromDetail(d: MeetingDetailT): MeetingDraft {
  return {
    title: d.title,
    description: d.description,
    form: d.form,
    convener: d.convener,
    location: d.location ?? '',
    opensAt: isoToChinaLocal(d.opensAt),
    closesAt: isoToChinaLocal(d.closesAt),
    motions: d.motions.map((mv) => ({
      key: key(),
      kind: mv.kind,
      title: mv.title,
      description: mv.description,
      matter: mv.matter,
      scopeBuildingIds: mv.scope ? mv.scope.buildings.map((b) => b.id) : [],
      seats: mv.seats ?? 1,
      candidates: mv.candidates.map((c) => ({ key: key(), name: c.name, statement: c.statement })),
    })),
  };
}

/** The request body (MeetingCreateBody / MeetingUpdateBody) of a valid draft. */
export function draftToBody(d: MeetingDraft): MeetingCreateBodyT {
  return {
    title: d.title.trim(),
    description: d.description,
    form: d.form,
    convener: d.convener,
    ...(d.form === 'collective' && d.location.trim() ? { location: d.location.trim() } : {}),
    opensAt: chinaLocalToIso(d.opensAt) ?? d.opensAt,
    closesAt: chinaLocalToIso(d.closesAt) ?? d.closesAt,
    motions: d.motions.map((mo) => ({
      kind: mo.kind,
      title: mo.title.trim(),
      description: mo.description,
      matter: mo.matter,
      ...(mo.scopeBuildingIds.length ? { scopeBuildingIds: [...mo.scopeBuildingIds] } : {}),
      ...(mo.kind === 'election'
        ? { seats: mo.seats, candidates: mo.candidates.map((c) => ({ name: c.name.trim(), statement: c.statement })) }
        : {}),
    })),
  };
}

/** A problem with one field: an i18n key under `meetings.validation` and its parameters. */
export interface DraftProblem {
  key: string;
  params?: Record<string, number>;
}
/** Field path (as the server names it: "motions.0.candidates.1.name") → problem. */
export type DraftProblems = Record<string, DraftProblem>;

export const LIMITS = {
  title: 200,
  description: 20000,
  location: 200,
  motions: 30,
  motionTitle: 200,
  motionDescription: 10000,
  seats: 50,
  candidates: 100,
  candidateName: 40,
  statement: 2000,
} as const;

/** The checks of MeetingCreateBody, plus the ones that make a meeting usable (window order, candidates ≥ seats). */
export function validateDraft(d: MeetingDraft): DraftProblems {
  const p: DraftProblems = {};
  const text = (field: string, v: string, max: number, required: boolean) => {
    if (required && !v.trim()) p[field] = { key: 'required' };
    else if (v.length > max) p[field] = { key: 'tooLong', params: { max } };
  };
  text('title', d.title, LIMITS.title, true);
  text('description', d.description, LIMITS.description, false);
  text('location', d.location, LIMITS.location, d.form === 'collective');
  const opens = chinaLocalToIso(d.opensAt);
  const closes = chinaLocalToIso(d.closesAt);
  if (!opens) p.opensAt = { key: 'required' };
  if (!closes) p.closesAt = { key: 'required' };
  if (opens && closes && Date.parse(closes) <= Date.parse(opens)) p.closesAt = { key: 'closesBeforeOpens' };
  if (d.motions.length === 0) p.motions = { key: 'noMotions' };
  if (d.motions.length > LIMITS.motions) p.motions = { key: 'tooMany', params: { max: LIMITS.motions } };
  d.motions.forEach((mo, i) => {
    const f = `motions.${i}`;
    text(`${f}.title`, mo.title, LIMITS.motionTitle, true);
    text(`${f}.description`, mo.description, LIMITS.motionDescription, false);
    if (mo.kind !== 'election') return;
    if (!Number.isInteger(mo.seats) || mo.seats < 1 || mo.seats > LIMITS.seats) p[`${f}.seats`] = { key: 'seats', params: { max: LIMITS.seats } };
    if (mo.candidates.length === 0) p[`${f}.candidates`] = { key: 'noCandidates' };
    else if (mo.candidates.length > LIMITS.candidates) p[`${f}.candidates`] = { key: 'tooMany', params: { max: LIMITS.candidates } };
    else if (!p[`${f}.seats`] && mo.candidates.length < mo.seats) p[`${f}.candidates`] = { key: 'fewerCandidatesThanSeats', params: { seats: mo.seats } };
    mo.candidates.forEach((c, j) => {
      text(`${f}.candidates.${j}.name`, c.name, LIMITS.candidateName, true);
      text(`${f}.candidates.${j}.statement`, c.statement, LIMITS.statement, false);
    });
  });
  return p;
}

// ------------------------------------------------------------------ ballots

/** What the voter has picked on one motion so far. */
export interface AnswerDraft {
  choice: ChoiceT | null;
  approve: string[];
}
export type AnswerDrafts = Record<string, AnswerDraft>;

export function emptyAnswers(motions: ReadonlyArray<Pick<MotionViewT, 'id'>>): AnswerDrafts {
  return Object.fromEntries(motions.map((mo) => [mo.id, { choice: null, approve: [] }]));
}

/**
 * Ticks or unticks a candidate. Ticking beyond `seats` is refused: the same list comes back and
 * `refused` is true (a ballot approving more than `seats` candidates would be invalid).
 */
export function toggleCandidate(selected: readonly string[], candidateId: string, seats: number): { approve: string[]; refused: boolean } {
  if (selected.includes(candidateId)) return { approve: selected.filter((c) => c !== candidateId), refused: false };
  if (selected.length >= seats) return { approve: [...selected], refused: true };
  return { approve: [...selected, candidateId], refused: false };
}

export type AnswerProblem = 'missing' | 'tooMany' | 'unknownCandidate' | 'duplicate';

/** Problems of the answers per motion id: a resolution needs a choice; an election at most `seats` known, distinct candidates (none = blank ballot). */
export function answerProblems(
  motions: ReadonlyArray<Pick<MotionViewT, 'id' | 'kind' | 'seats' | 'candidates'>>,
  answers: AnswerDrafts,
): Record<string, AnswerProblem> {
  const out: Record<string, AnswerProblem> = {};
  for (const mo of motions) {
    const a = answers[mo.id];
    if (mo.kind === 'resolution') {
      if (!a?.choice) out[mo.id] = 'missing';
      continue;
    }
    const approve = a?.approve ?? [];
    const known = new Set(mo.candidates.map((c) => c.id));
    if (new Set(approve).size !== approve.length) out[mo.id] = 'duplicate';
    else if (approve.some((c) => !known.has(c))) out[mo.id] = 'unknownCandidate';
    else if (approve.length > (mo.seats ?? 0)) out[mo.id] = 'tooMany';
  }
  return out;
}

/** The answers as the API takes them (CastBody.answers, paper entries), in motion order. */
export function toAnswerInputs(motions: ReadonlyArray<Pick<MotionViewT, 'id' | 'kind'>>, answers: AnswerDrafts): AnswerInputT[] {
  return motions.map((mo) => {
    const a = answers[mo.id];
    return mo.kind === 'resolution' ? { motionId: mo.id, choice: a?.choice ?? undefined } : { motionId: mo.id, approve: [...(a?.approve ?? [])] };
  });
}

// ------------------------------------------------------------------ turnout

/** "2/3" → 66.67 (percent, two decimals); anything unreadable → 0. */
export function fractionPercent(fraction: string): number {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(fraction);
  if (!m || Number(m[2]) === 0) return 0;
  return Math.round((Number(m[1]) * 10000) / Number(m[2])) / 100;
}

export interface TurnoutBars {
  labels: string[];
  area: number[];
  heads: number[];
  /** the quorum line in percent (the first motion's; all motions share the profile's quorum) */
  quorum: number;
}

/** Bar data of the turnout chart: per motion, the area and headcount shares that took part, against the quorum line. */
export function turnoutBars(motions: ReadonlyArray<{ motionId: string; title: string; areaPercent: string; holdersPercent: string; quorum: string }>): TurnoutBars {
  return {
    labels: motions.map((mo) => mo.title),
    area: motions.map((mo) => Number(mo.areaPercent) || 0),
    heads: motions.map((mo) => Number(mo.holdersPercent) || 0),
    quorum: motions[0] ? fractionPercent(motions[0].quorum) : 0,
  };
}

// ------------------------------------------------------------------ owners

/** How far the holders I vote for have voted: every motion of every holder, some, or none. */
/**
 * How far the owner's holders have voted in a meeting: 'all', 'some', 'none'; 'notInScope' when no
 * motion is theirs to vote on (every motion limited to buildings where they own nothing), and
 * 'notYet' while the notice period runs (nothing can be cast yet, so nothing is missing).
 */
export function voteProgress(holders: ReadonlyArray<{ motions: ReadonlyArray<{ receipt: string | null }> }>, state?: MeetingStateT): 'all' | 'some' | 'none' | 'notInScope' | 'notYet' {
  const all = holders.flatMap((h) => h.motions);
  const done = all.filter((m) => m.receipt !== null).length;
  if (holders.length > 0 && all.length === 0) return 'notInScope';
  if (all.length > 0 && done === all.length) return 'all';
  if (done === 0 && (state === 'draft' || state === 'notice')) return 'notYet';
  return done > 0 ? 'some' : 'none';
}

/** Motions a holder still has to vote on, in the meeting's order. */
export function openMotionsOf<M extends { id: string }>(motions: readonly M[], holder: { motions: ReadonlyArray<{ motionId: string; receipt: string | null }> }): M[] {
  const open = new Set(holder.motions.filter((m) => m.receipt === null).map((m) => m.motionId));
  return motions.filter((m) => open.has(m.id));
}

/** Objections are taken on the roll during the notice period, and on the result after close until `objectionsUntil`. */
export function objectionKindNow(meeting: { state: MeetingStateT; clocks: { objectionsUntil: string | null } }, now = Date.now()): 'roll' | 'result' | null {
  if (meeting.state === 'notice') return 'roll';
  if (meeting.state === 'closed') {
    const until = meeting.clocks.objectionsUntil ? Date.parse(meeting.clocks.objectionsUntil) : NaN;
    return Number.isNaN(until) || now < until ? 'result' : null;
  }
  return null;
}

/** Ballots (masked) may be inspected once voting has closed. */
export function ballotsVisible(state: MeetingStateT): boolean {
  return state === 'closed' || state === 'final' || state === 'archived';
}
