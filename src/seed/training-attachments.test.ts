import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sniffMediaType } from '../modules/attachments/sniff-content.ts';
import { minimalPdf, minimalPng, trainingAttachments } from './training-attachments.ts';

describe('the training files made in code', () => {
  it('make a PDF whose cross-reference table points at each object and whose trailer points at the table', () => {
    const pdf = minimalPdf(['Line (one)', 'Back\\slash']).toString('latin1');
    const xref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)![1]);
    expect(pdf.slice(xref, xref + 5)).toBe('xref\n');
    const offsets = [...pdf.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((offset, index) => expect(pdf.slice(offset).startsWith(`${index + 1} 0 obj\n`)).toBe(true));
    expect(pdf).toContain('(Line \\(one\\)) Tj');
    const length = Number(/<< \/Length (\d+) >>\nstream\n/.exec(pdf)![1]);
    const start = pdf.indexOf('stream\n') + 'stream\n'.length;
    expect(pdf.slice(start + length)).toMatch(/^\nendstream/);
  });

  it('make a PNG whose chunks carry correct CRCs and whose pixels inflate to the declared size', () => {
    const png = minimalPng(5, 3, () => [1, 2, 3]);
    const chunks: { type: string; data: Buffer }[] = [];
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      const typed = png.subarray(at + 4, at + 8 + length);
      expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(typed));
      chunks.push({ type: typed.subarray(0, 4).toString('latin1'), data: typed.subarray(4) });
      at += 12 + length;
    }
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(inflateSync(chunks[1]!.data)).toHaveLength((5 * 3 + 1) * 3);
  });

  it('are each accepted by content as their kind accepts', async () => {
    const expected = { report: 'application/pdf', vcf: 'text/x-vcf', image: 'image/png' } as Record<string, string>;
    for (const file of Object.values(trainingAttachments).flat()) expect(await sniffMediaType(file.content), file.fileName).toBe(expected[file.kind]);
  });
});
