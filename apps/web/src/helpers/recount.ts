/**
 * Reading a stored result (MeetingResult.recount: the output of `gongzhi recount --json`,
 * format gongzhi.recount/1) defensively: the web app only shows it, it never counts.
 */
export interface Weight {
  area: string;
  holders: number;
}
export interface RecountCandidate {
  id: string;
  approve: Weight;
  qualified: boolean;
}
export interface RecountMotion {
  id: string;
  threshold: string;
  eligible: Weight;
  participated: Weight;
  quorum: boolean;
  result: string;
  tally: Record<'approve' | 'reject' | 'abstain' | 'invalid', Weight> | null;
  candidates: RecountCandidate[] | null;
  elected: string[];
  runoff: string[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function weight(v: unknown): Weight {
  if (!isObj(v)) return { area: '0.00', holders: 0 };
  return { area: typeof v.area === 'string' ? v.area : '0.00', holders: typeof v.holders === 'number' ? v.holders : 0 };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function recountMotions(recount: Record<string, unknown>): RecountMotion[] {
  const motions = Array.isArray(recount.motions) ? recount.motions : [];
  return motions.filter(isObj).map((mo) => {
    const tally = isObj(mo.tally)
      ? { approve: weight(mo.tally.approve), reject: weight(mo.tally.reject), abstain: weight(mo.tally.abstain), invalid: weight(mo.tally.invalid) }
      : null;
    const candidates = Array.isArray(mo.candidates)
      ? mo.candidates.filter(isObj).map((c) => ({ id: String(c.id ?? ''), approve: weight(c.approve), qualified: c.qualified === true }))
      : null;
    return {
      id: String(mo.id ?? ''),
      threshold: String(mo.threshold ?? ''),
      eligible: weight(mo.eligible),
      participated: weight(mo.participated),
      quorum: mo.quorum === true,
      result: String(mo.result ?? ''),
      tally,
      candidates,
      elected: strings(mo.elected),
      runoff: strings(mo.runoff),
    };
  });
}
