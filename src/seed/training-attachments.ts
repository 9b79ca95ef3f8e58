import { crc32, deflateSync } from 'node:zlib';
import type { AttachmentKind } from '../modules/attachments/attachments.contract.ts';

/**
 * Files of the synthetic training patients: a few small ones, made here byte by byte (no binary fixture
 * in the repository), so the attachments panel, downloads and exports have something to show. Invented
 * content about no real person. Keyed by nickname; each is stored through the upload use case.
 */
export interface TrainingAttachment {
  kind: AttachmentKind;
  fileName: string;
  description: string;
  content: Buffer;
}

const pdfText = (text: string) => text.replaceAll(/[\\()]/g, (c) => `\\${c}`);

/** A one-page PDF 1.4 of plain lines in Helvetica, with a correct cross-reference table. */
export function minimalPdf(lines: string[]): Buffer {
  const stream = ['BT', '/F1 11 Tf', '14 TL', '56 780 Td', ...lines.map((line) => `(${pdfText(line)}) Tj T*`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A small RGB PNG (8 bits per channel, no interlace) whose pixels `colour` paints. */
export function minimalPng(width: number, height: number, colour: (x: number, y: number) => [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const start = y * (width * 3 + 1); // each row starts with filter type 0 (none)
    for (let x = 0; x < width; x += 1) rows.set(colour(x, y), start + 1 + x * 3);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** Pink tissue with darker nuclei, as a stained section looks from afar (a made-up picture). */
const stainedSection = (x: number, y: number): [number, number, number] => {
  const nucleus = (x * 7 + y * 13) % 23 < 3;
  return nucleus ? [92, 48, 140] : [236 - ((x + y) % 9), 170 + ((x * y) % 11), 200];
};

const vcf = (lines: string[]) => Buffer.from(`${lines.join('\n')}\n`, 'utf8');

const report = (title: string, body: string[]) =>
  minimalPdf([title, '', 'Open CPMS training environment - synthetic document, no real patient.', '', ...body]);

export const trainingAttachments: Record<string, TrainingAttachment[]> = {
  Kestrel: [
    {
      kind: 'report',
      fileName: 'epilepsy-panel-report.pdf',
      description: 'Gene panel report (training example)',
      content: report('Gene panel: epileptic encephalopathies (112 genes)', ['Result: positive.', 'SCN1A NM_001165963.4:c.2836C>T, heterozygous, de novo.', 'Classification: pathogenic (ACMG PS2, PM2, PP3).']),
    },
    {
      kind: 'vcf',
      fileName: 'epilepsy-panel-variants.vcf',
      description: 'Panel variants, GRCh38 (training example)',
      content: vcf([
        '##fileformat=VCFv4.2',
        '##reference=GRCh38',
        '##contig=<ID=chr2,length=242193529>',
        '##INFO=<ID=GENE,Number=1,Type=String,Description="Gene symbol">',
        '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
        '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPROBAND',
        'chr2\t166002695\t.\tG\tA\t812\tPASS\tGENE=SCN1A\tGT\t0/1',
      ]),
    },
  ],
  Ibis: [
    {
      kind: 'image',
      fileName: 'renal-biopsy-section.png',
      description: 'Renal biopsy, stained section (synthetic picture)',
      content: minimalPng(48, 32, stainedSection),
    },
    {
      kind: 'report',
      fileName: 'nephrology-letter.pdf',
      description: 'Referral letter (training example)',
      content: report('Referral to the ERKNet panel', ['Haematuria since childhood, proteinuria since 2024.', 'Gene panel: COL4A5 NM_000495.5:c.1871G>A, heterozygous, maternal.', 'Question for the panel: treatment and family screening.']),
    },
  ],
};
