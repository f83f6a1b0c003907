/**
 * Checking a ballot's place in the hash chain in the browser (spec/ballot-bundle.md, "Hash chain"):
 * hash = SHA-256( prevHash ‖ "\n" ‖ content ) as lowercase hex, over the UTF-8 bytes, where
 * `content` is the JCS of the ballot without "hash", exactly as the server gives it.
 */
export function chainInput(prevHash: string, content: string): string {
  return `${prevHash}\n${content}`;
}

export async function sha256Hex(text: string, subtle: SubtleCrypto | null = globalThis.crypto?.subtle ?? null): Promise<string> {
  if (!subtle) throw new Error('Web Crypto is not available (needs a secure context: https or localhost)');
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface RecomputedHash {
  /** the hash recomputed here */
  hash: string;
  /** equals the hash the server reported */
  ok: boolean;
}

/** Recomputes the ballot's hash; null while the ballot is not yet sealed into the chain. */
export async function recomputeHash(check: { prevHash: string | null; content: string | null; hash: string | null }): Promise<RecomputedHash | null> {
  if (check.prevHash === null || check.content === null || check.hash === null) return null;
  const hash = await sha256Hex(chainInput(check.prevHash, check.content));
  return { hash, ok: hash === check.hash.toLowerCase() };
}

/** Receipt codes are 32 lowercase hex characters; owners may paste them with spaces or in capitals. */
export function normalizeReceipt(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}

export function isReceipt(text: string): boolean {
  return /^[0-9a-f]{32}$/.test(text);
}
