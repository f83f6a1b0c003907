/**
 * Printable documents (PDF, Chinese): the meeting notice, the paper ballots and the result
 * notices. Input types are plain, already-masked values (types.ts).
 */
export { renderMeetingNoticePdf } from './meeting-notice';
export { renderPaperBallotsPdf } from './ballots';
export { renderResultNoticePdf } from './result-notice';
export type * from './types';
