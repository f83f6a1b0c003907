import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainInput, isReceipt, normalizeReceipt, recomputeHash, sha256Hex } from './receipt';

// a known vector computed with node's own crypto: the first ballot of a chain (prevHash = 64 zeros)
const prevHash = '0'.repeat(64);
const content = '{"approve":null,"castAt":"2025-03-02T01:00:00.000Z","channel":"online","choice":"approve","holder":"h7","motion":"m1","seq":1}';
const expected = createHash('sha256').update(`${prevHash}\n${content}`, 'utf8').digest('hex');

describe('receipt hash', () => {
  it('hashes prevHash + "\\n" + content with SHA-256, as lowercase hex', async () => {
    expect(chainInput('ab', 'cd')).toBe('ab\ncd');
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex(chainInput(prevHash, content))).toBe(expected);
  });

  it('hashes UTF-8 bytes (Chinese names in the content)', async () => {
    const text = chainInput(expected, '{"name":"张三"}');
    expect(await sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('says ✓ only when the recomputed hash equals the reported one', async () => {
    expect(await recomputeHash({ prevHash, content, hash: expected })).toEqual({ hash: expected, ok: true });
    expect(await recomputeHash({ prevHash, content, hash: expected.toUpperCase() })).toEqual({ hash: expected, ok: true });
    expect((await recomputeHash({ prevHash, content: content.replace('approve"', 'reject"'), hash: expected }))?.ok).toBe(false);
    expect(await recomputeHash({ prevHash: null, content: null, hash: null })).toBeNull();
  });

  it('fails clearly without Web Crypto', async () => {
    await expect(sha256Hex('x', null)).rejects.toThrow(/Web Crypto/);
  });

  it('normalizes typed receipts', () => {
    expect(normalizeReceipt(' 0123 4567 89AB CDEF 0123 4567 89ab cdef ')).toBe('0123456789abcdef0123456789abcdef');
    expect(isReceipt('0123456789abcdef0123456789abcdef')).toBe(true);
    expect(isReceipt('0123')).toBe(false);
  });
});
