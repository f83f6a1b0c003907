import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';

/**
 * Random access to the parts of a zip file held in memory (an uploaded .xlsx), read through its
 * central directory (PKWARE APPNOTE 6.3: end of central directory, zip64 where a field overflows,
 * stored and deflated entries). Parts are inflated by Node's zlib: small ones at once, a
 * worksheet as a stream. Encrypted parts and other compression methods are refused.
 */

export class ZipError extends Error {}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_EOCD_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/** a part read at once may inflate to this much (the shared strings of 200,000 rows are ~40 MB); more is refused, not a zip bomb */
export const MAX_PART_BYTES = 256 * 1024 * 1024;

export class ZipReader {
  private readonly entries = new Map<string, ZipEntry>();

  constructor(
    private readonly buf: Buffer,
    private readonly maxPartBytes = MAX_PART_BYTES,
  ) {
    const { count, offset: start } = this.endOfCentralDirectory();
    for (let i = 0, offset = start; i < count; i++) {
      if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== CENTRAL) throw new ZipError('bad central directory');
      const flags = buf.readUInt16LE(offset + 8);
      const nameLength = buf.readUInt16LE(offset + 28);
      const extraLength = buf.readUInt16LE(offset + 30);
      const commentLength = buf.readUInt16LE(offset + 32);
      const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', offset + 46, offset + 46 + nameLength);
      const entry: ZipEntry = {
        name,
        method: buf.readUInt16LE(offset + 10),
        compressedSize: buf.readUInt32LE(offset + 20),
        uncompressedSize: buf.readUInt32LE(offset + 24),
        localHeaderOffset: buf.readUInt32LE(offset + 42),
      };
      if (flags & 0x1) throw new ZipError('encrypted');
      this.zip64Fields(entry, offset + 46 + nameLength, extraLength);
      this.entries.set(name, entry);
      offset += 46 + nameLength + extraLength + commentLength;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** a small part (workbook, relations, shared strings) as one buffer */
  read(name: string): Buffer | null {
    const e = this.entries.get(name);
    if (!e) return null;
    const data = this.data(e);
    if (e.method === STORED) return Buffer.from(data);
    try {
      return inflateRawSync(data, { maxOutputLength: this.maxPartBytes });
    } catch (err) {
      throw new ZipError(`${name}: ${(err as Error).message}`);
    }
  }

  /** a large part (a worksheet) inflated as a stream */
  stream(name: string): Readable | null {
    const e = this.entries.get(name);
    if (!e) return null;
    const data = this.data(e);
    const source = Readable.from([data], { objectMode: false });
    return e.method === STORED ? source : source.pipe(createInflateRaw({ chunkSize: 64 * 1024 }));
  }

  private data(e: ZipEntry): Buffer {
    if (e.method !== STORED && e.method !== DEFLATED) throw new ZipError(`compression method ${e.method}`);
    const at = e.localHeaderOffset;
    if (at + 30 > this.buf.length || this.buf.readUInt32LE(at) !== LOCAL) throw new ZipError('bad local header');
    const start = at + 30 + this.buf.readUInt16LE(at + 26) + this.buf.readUInt16LE(at + 28);
    if (start + e.compressedSize > this.buf.length) throw new ZipError('truncated');
    return this.buf.subarray(start, start + e.compressedSize);
  }

  /** the values a central header marks with 0xFFFFFFFF follow in its zip64 extra field, in this order */
  private zip64Fields(e: ZipEntry, extraStart: number, extraLength: number): void {
    const overflow = [e.uncompressedSize, e.compressedSize, e.localHeaderOffset].some((v) => v === 0xffffffff);
    if (!overflow) return;
    for (let p = extraStart; p + 4 <= extraStart + extraLength; ) {
      const id = this.buf.readUInt16LE(p);
      const size = this.buf.readUInt16LE(p + 2);
      if (id === 0x0001) {
        let q = p + 4;
        const next = (): number => {
          const v = Number(this.buf.readBigUInt64LE(q));
          q += 8;
          return v;
        };
        if (e.uncompressedSize === 0xffffffff) e.uncompressedSize = next();
        if (e.compressedSize === 0xffffffff) e.compressedSize = next();
        if (e.localHeaderOffset === 0xffffffff) e.localHeaderOffset = next();
        return;
      }
      p += 4 + size;
    }
    throw new ZipError('zip64 field missing');
  }

  private endOfCentralDirectory(): { count: number; offset: number } {
    const buf = this.buf;
    // the record is 22 bytes plus a comment of up to 65,535
    const lowest = Math.max(0, buf.length - 22 - 0xffff);
    for (let p = buf.length - 22; p >= lowest; p--) {
      if (buf.readUInt32LE(p) !== EOCD) continue;
      let count = buf.readUInt16LE(p + 10);
      let offset = buf.readUInt32LE(p + 16);
      if ((count === 0xffff || offset === 0xffffffff) && p >= 20 && buf.readUInt32LE(p - 20) === ZIP64_EOCD_LOCATOR) {
        const at = Number(buf.readBigUInt64LE(p - 20 + 8));
        if (at + 56 > buf.length || buf.readUInt32LE(at) !== ZIP64_EOCD) throw new ZipError('bad zip64 end record');
        count = Number(buf.readBigUInt64LE(at + 32));
        offset = Number(buf.readBigUInt64LE(at + 48));
      }
      return { count, offset };
    }
    throw new ZipError('not a zip file');
  }
}
