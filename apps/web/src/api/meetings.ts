import { http } from './http';
import type {
  AnswerInputT,
  AttendanceCodeT,
  AttendanceSummaryT,
  BallotFormT,
  BallotListT,
  CastBodyT,
  CastReplyT,
  FlagListT,
  MeetingCreateBodyT,
  MeetingDetailT,
  MeetingListT,
  MeetingResultT,
  MyMeetingListT,
  ObjectionCreateBodyT,
  ObjectionListT,
  ObjectionResolveBodyT,
  ObjectionViewT,
  PageQuery,
  PaperConfirmReplyT,
  PaperEntryListT,
  PaperEntryViewT,
  PaperLookupT,
  PrintJobT,
  ProxyListT,
  ProxyViewT,
  PublicEstatePageT,
  ReceiptCheckT,
  ReminderReplyT,
  RollListT,
  TurnoutT,
} from './types';

/** Owners' assembly meetings (业主大会会议): every endpoint of the "owners' assembly meetings" section. */
const base = (estateId: number) => `/api/estates/${estateId}/meetings`;
const m = (estateId: number, meetingId: number) => `${base(estateId)}/${meetingId}`;

export type MeetingTransition = 'publish' | 'open' | 'close' | 'finalize' | 'archive';
export type ResultStage = 'preliminary' | 'final';

export interface ProxyInput {
  holderId: number;
  proxyName: string;
  proxyPhone: string;
  note?: string;
  authorization: File;
}

export interface PaperEntryInput {
  code: string;
  answers: AnswerInputT[];
  /** ISO timestamp; absent = now */
  receivedAt?: string;
  scan: File;
}

export function paperEntryFormData(input: PaperEntryInput): FormData {
  const form = new FormData();
  // fields before the file: the server reads the stream in order
  form.append('code', input.code.trim());
  form.append('answers', JSON.stringify(input.answers));
  if (input.receivedAt) form.append('receivedAt', input.receivedAt);
  form.append('scan', input.scan, input.scan.name);
  return form;
}

export function proxyFormData(input: ProxyInput): FormData {
  const form = new FormData();
  form.append('holderId', String(input.holderId));
  form.append('proxyName', input.proxyName.trim());
  form.append('proxyPhone', input.proxyPhone.trim());
  if (input.note?.trim()) form.append('note', input.note.trim());
  form.append('authorization', input.authorization, input.authorization.name);
  return form;
}

export const meetingsApi = {
  // ---- meetings (console)
  list: (estateId: number) => http.get<MeetingListT>(base(estateId)),
  create: (estateId: number, body: MeetingCreateBodyT) => http.post<MeetingDetailT>(base(estateId), body),
  get: (estateId: number, meetingId: number) => http.get<MeetingDetailT>(m(estateId, meetingId)),
  /** drafts only: the whole meeting is replaced */
  update: (estateId: number, meetingId: number, body: MeetingCreateBodyT) =>
    http.put<MeetingDetailT>(m(estateId, meetingId), body),
  uploadAttachment: (estateId: number, meetingId: number, file: File, onProgress?: (p: number) => void) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return http.upload<MeetingDetailT>(`${m(estateId, meetingId)}/attachments`, form, { onProgress });
  },
  attachmentUrl: (estateId: number, meetingId: number, fileId: number) => `${m(estateId, meetingId)}/attachments/${fileId}`,
  preDeliberate: (estateId: number, meetingId: number, note: string) =>
    http.post<MeetingDetailT>(`${m(estateId, meetingId)}/pre-deliberation`, { note }),
  transition: (estateId: number, meetingId: number, action: MeetingTransition) => http.post<MeetingDetailT>(`${m(estateId, meetingId)}/${action}`),
  cancel: (estateId: number, meetingId: number, reason: string) => http.post<MeetingDetailT>(`${m(estateId, meetingId)}/cancel`, { reason }),

  // ---- roll and objections
  roll: (estateId: number, meetingId: number, query: PageQuery & { buildingId?: number }, signal?: AbortSignal) =>
    http.get<RollListT>(`${m(estateId, meetingId)}/roll`, { query: { ...query }, signal }),
  objections: (estateId: number, meetingId: number) => http.get<ObjectionListT>(`${m(estateId, meetingId)}/objections`),
  createObjection: (estateId: number, meetingId: number, body: ObjectionCreateBodyT) =>
    http.post<ObjectionViewT>(`${m(estateId, meetingId)}/objections`, body),
  resolveObjection: (estateId: number, meetingId: number, objectionId: number, body: ObjectionResolveBodyT) =>
    http.post<ObjectionViewT>(`${m(estateId, meetingId)}/objections/${objectionId}/resolve`, body),

  // ---- supervision
  turnout: (estateId: number, meetingId: number, signal?: AbortSignal) => http.get<TurnoutT>(`${m(estateId, meetingId)}/turnout`, { signal }),
  flags: (estateId: number, meetingId: number) => http.get<FlagListT>(`${m(estateId, meetingId)}/flags`),
  remind: (estateId: number, meetingId: number) => http.post<ReminderReplyT>(`${m(estateId, meetingId)}/reminders`),
  result: (estateId: number, meetingId: number) => http.get<MeetingResultT>(`${m(estateId, meetingId)}/result`),
  ballots: (estateId: number, meetingId: number, query: PageQuery & { motionId?: string }, signal?: AbortSignal) =>
    http.get<BallotListT>(`${m(estateId, meetingId)}/ballots`, { query: { ...query }, signal }),

  // ---- documents
  bundleUrl: (estateId: number, meetingId: number) => `${m(estateId, meetingId)}/bundle`,
  noticePdfUrl: (estateId: number, meetingId: number) => `${m(estateId, meetingId)}/documents/notice.pdf`,
  resultPdfUrl: (estateId: number, meetingId: number, stage: ResultStage) => `${m(estateId, meetingId)}/documents/result-${stage}.pdf`,

  // ---- voting (owners, proxies)
  ballotForm: (estateId: number, meetingId: number) => http.get<BallotFormT>(`${m(estateId, meetingId)}/ballot-form`),
  cast: (estateId: number, meetingId: number, body: CastBodyT) => http.post<CastReplyT>(`${m(estateId, meetingId)}/ballots`, body),
  checkReceipt: (estateId: number, meetingId: number, receipt: string) =>
    http.get<ReceiptCheckT>(`${m(estateId, meetingId)}/receipts/${encodeURIComponent(receipt)}`),
  mine: () => http.get<MyMeetingListT>('/api/me/meetings'),

  // ---- paper ballots (clerks)
  paperBallotUrl: (estateId: number, meetingId: number, holderId: number) => `${m(estateId, meetingId)}/paper/ballots/${holderId}.pdf`,
  printStart: (estateId: number, meetingId: number) => http.post<PrintJobT>(`${m(estateId, meetingId)}/paper/print`),
  printJob: (estateId: number, meetingId: number, jobId: string, signal?: AbortSignal) =>
    http.get<PrintJobT>(`${m(estateId, meetingId)}/paper/print/${encodeURIComponent(jobId)}`, { signal }),
  printFileUrl: (estateId: number, meetingId: number, jobId: string) => `${m(estateId, meetingId)}/paper/print/${encodeURIComponent(jobId)}/file`,
  paperLookup: (estateId: number, meetingId: number, code: string) =>
    http.get<PaperLookupT>(`${m(estateId, meetingId)}/paper/lookup`, { query: { code: code.trim() } }),
  paperEntries: (estateId: number, meetingId: number) => http.get<PaperEntryListT>(`${m(estateId, meetingId)}/paper/entries`),
  paperEntryCreate: (estateId: number, meetingId: number, input: PaperEntryInput, onProgress?: (p: number) => void) =>
    http.upload<PaperEntryViewT>(`${m(estateId, meetingId)}/paper/entries`, paperEntryFormData(input), { onProgress }),
  paperEntryConfirm: (estateId: number, meetingId: number, entryId: number, answers: AnswerInputT[]) =>
    http.post<PaperConfirmReplyT>(`${m(estateId, meetingId)}/paper/entries/${entryId}/confirm`, { answers }),
  paperEntryDiscard: (estateId: number, meetingId: number, entryId: number, reason: string) =>
    http.post<PaperEntryViewT>(`${m(estateId, meetingId)}/paper/entries/${entryId}/discard`, { reason }),
  paperScanUrl: (estateId: number, meetingId: number, entryId: number) => `${m(estateId, meetingId)}/paper/entries/${entryId}/scan`,

  // ---- proxies
  proxies: (estateId: number, meetingId: number) => http.get<ProxyListT>(`${m(estateId, meetingId)}/proxies`),
  proxyCreate: (estateId: number, meetingId: number, input: ProxyInput, onProgress?: (p: number) => void) =>
    http.upload<ProxyViewT>(`${m(estateId, meetingId)}/proxies`, proxyFormData(input), { onProgress }),
  proxyRevoke: (estateId: number, meetingId: number, proxyId: number) => http.post<ProxyViewT>(`${m(estateId, meetingId)}/proxies/${proxyId}/revoke`),
  proxyAuthorizationUrl: (estateId: number, meetingId: number, proxyId: number) => `${m(estateId, meetingId)}/proxies/${proxyId}/authorization`,

  // ---- collective meetings: sign-in
  attendanceCode: (estateId: number, meetingId: number) => http.get<AttendanceCodeT>(`${m(estateId, meetingId)}/attendance/code`),
  signIn: (estateId: number, meetingId: number, token: string) => http.post<AttendanceSummaryT>(`${m(estateId, meetingId)}/attendance`, { token }),
  attendance: (estateId: number, meetingId: number) => http.get<AttendanceSummaryT>(`${m(estateId, meetingId)}/attendance`),

  // ---- public estate page (no login)
  publicPage: (estateId: number) => http.get<PublicEstatePageT>(`/api/public/estates/${estateId}`, { allowUnauthenticated: true }),
};
