import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ZipError, ZipReader } from '../../../src/registry/zip';

interface Part {
  name: string;
  data: Buffer;
  method?: 0 | 8 | 12;
  flags?: number;
}

/**
 * A zip written field by field (APPNOTE 4.3), for what the usual writers do not produce: zip64
 * fields in the central directory, a zip64 end record, data descriptors (sizes 0 in the local
 * header), a trailing comment, encryption flags.
 */
function handZip(parts: Part[], options: { zip64?: boolean; comment?: string; localSizesZero?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const method = p.method ?? 8;
    const body = method === 8 ? deflateRawSync(p.data) : p.data;
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE((p.flags ?? 0) | 0x800 | (options.localSizesZero ? 0x8 : 0), 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(options.localSizesZero ? 0 : body.length, 18);
    local.writeUInt32LE(options.localSizesZero ? 0 : p.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);

    const extra = Buffer.alloc(options.zip64 ? 28 : 0);
    if (options.zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(p.data.length), 4);
      extra.writeBigUInt64LE(BigInt(body.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(45, 6);
    central.writeUInt16LE((p.flags ?? 0) | 0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(options.zip64 ? 0xffffffff : body.length, 20);
    central.writeUInt32LE(options.zip64 ? 0xffffffff : p.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 42);
    centrals.push(central, name, extra);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (options.zip64) {
    const end64 = Buffer.alloc(56);
    end64.writeUInt32LE(0x06064b50, 0);
    end64.writeBigUInt64LE(44n, 4);
    end64.writeBigUInt64LE(BigInt(parts.length), 24);
    end64.writeBigUInt64LE(BigInt(parts.length), 32);
    end64.writeBigUInt64LE(BigInt(cd.length), 40);
    end64.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(end64, locator);
  }
  const comment = Buffer.from(options.comment ?? '', 'utf8');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.zip64 ? 0xffff : parts.length, 8);
  end.writeUInt16LE(options.zip64 ? 0xffff : parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...locals, cd, ...tail, end, comment]);
}

const text = (n: number) => Buffer.from(`<x>${'业主清册 owner list '.repeat(n)}</x>`, 'utf8');

async function streamed(z: ZipReader, name: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of z.stream(name)!) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe('ZipReader', () => {
  it('reads deflated and stored parts written by JSZip, at once and as a stream', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', text(3), { compression: 'STORE' });
    zip.file('xl/worksheets/sheet1.xml', text(20_000), { compression: 'DEFLATE' });
    const z = new ZipReader(await zip.generateAsync({ type: 'nodebuffer' }));
    expect(z.has('xl/workbook.xml')).toBe(true);
    expect(z.has('xl/styles.xml')).toBe(false);
    expect(z.read('xl/styles.xml')).toBeNull();
    expect(z.read('xl/workbook.xml')).toEqual(text(3));
    // (Buffer.equals: a deep equality of large buffers is slow)
    expect(z.read('xl/worksheets/sheet1.xml')!.equals(text(20_000))).toBe(true);
    expect((await streamed(z, 'xl/worksheets/sheet1.xml')).equals(text(20_000))).toBe(true);
    expect(await streamed(z, 'xl/workbook.xml')).toEqual(text(3));
  });

  it('reads zip64 fields, data descriptors and a trailing comment', async () => {
    const parts: Part[] = [{ name: 'a.xml', data: text(10) }, { name: 'b/中文.xml', data: text(2_000), method: 0 }];
    for (const options of [{ zip64: true }, { localSizesZero: true }, { comment: 'written by hand — 手写' }]) {
      const z = new ZipReader(handZip(parts, options));
      expect(z.read('a.xml'), JSON.stringify(options)).toEqual(text(10));
      expect(await streamed(z, 'b/中文.xml')).toEqual(text(2_000));
    }
  });

  it('refuses what it cannot read with a ZipError', () => {
    const good = handZip([{ name: 'a.xml', data: text(10) }]);
    expect(() => new ZipReader(Buffer.from('PK not really a zip'))).toThrow(ZipError);
    expect(() => new ZipReader(handZip([{ name: 'a.xml', data: text(10), flags: 0x1 }]))).toThrow(ZipError);
    expect(() => new ZipReader(handZip([{ name: 'a.xml', data: text(10), method: 12 }])).read('a.xml')).toThrow(ZipError);
    // the local header cut off
    const cut = Buffer.concat([Buffer.alloc(4), good.subarray(4)]);
    expect(() => new ZipReader(cut).read('a.xml')).toThrow(ZipError);
    // the central directory's offset pointing past the file
    const bad = Buffer.from(good);
    bad.writeUInt32LE(bad.length + 100, bad.length - 6);
    expect(() => new ZipReader(bad)).toThrow(ZipError);
    // a part that inflates past the limit (a zip bomb), or whose data is not deflate
    const bomb = handZip([{ name: 'a.xml', data: Buffer.alloc(1_000_000) }]);
    expect(bomb.length).toBeLessThan(5_000);
    expect(() => new ZipReader(bomb, 100_000).read('a.xml')).toThrow(ZipError);
    expect(new ZipReader(bomb, 1_000_000).read('a.xml')!.length).toBe(1_000_000);
    const garbage = handZip([{ name: 'a.xml', data: Buffer.from('not deflate at all'), method: 0 }]);
    garbage.writeUInt16LE(8, 8);
    garbage.writeUInt16LE(8, garbage.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
    expect(() => new ZipReader(garbage).read('a.xml')).toThrow(ZipError);
  });
});
