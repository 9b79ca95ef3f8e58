import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { peek, sniffMediaType } from './sniff-content.ts';

async function* pieces(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}
async function all(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

describe('content sniffing', () => {
  it('recognises the accepted types by their content', async () => {
    expect(await sniffMediaType(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n'))).toBe('application/pdf');
    expect(await sniffMediaType(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]))).toBe('image/jpeg');
    expect(await sniffMediaType(Buffer.from('##fileformat=VCFv4.3\n#CHROM\tPOS\n'))).toBe('text/x-vcf');
    expect(await sniffMediaType(Buffer.from('\uFEFF##fileformat=VCFv4.1\r\n#CHROM\r\n'))).toBe('text/x-vcf');
  });

  it('refuses everything else: programs, pages, archives, a VCF look-alike', async () => {
    expect(await sniffMediaType(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]))).toBeUndefined();
    expect(await sniffMediaType(Buffer.from('<!doctype html><html><script>alert(1)</script>'))).toBeUndefined();
    expect(await sniffMediaType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(await sniffMediaType(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)]))).toBeUndefined();
    expect(await sniffMediaType(Buffer.from('#CHROM\tPOS\n##fileformat=VCFv4.2\n'))).toBeUndefined();
    expect(await sniffMediaType(Buffer.from('##fileformat=VCFv4.2\n\u0000binary'))).toBeUndefined();
  });
});

describe('peek', () => {
  it('reads the head without losing or reordering a byte, whatever the piece sizes', async () => {
    const data = randomBytes(50_000);
    for (const size of [1, 100, 8192, 9000, 60_000]) {
      const { head, content } = await peek(pieces(data, size), 8192);
      expect(head.equals(data.subarray(0, 8192)), String(size)).toBe(true);
      expect((await all(content)).equals(data), String(size)).toBe(true);
    }
  });

  it('handles content shorter than the head, and empty content', async () => {
    const short = await peek(pieces(Buffer.from('abc'), 1), 8192);
    expect(short.head.toString()).toBe('abc');
    expect((await all(short.content)).toString()).toBe('abc');
    const empty = await peek(pieces(Buffer.alloc(0), 1), 8192);
    expect(empty.head.length).toBe(0);
    expect((await all(empty.content)).length).toBe(0);
  });
});
