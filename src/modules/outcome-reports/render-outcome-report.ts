import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PageSizes, PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { OutcomeReportContent } from './outcome-report-content.contract.ts';

/**
 * Renders a signed outcome report version as a PDF (A4) with an embedded Unicode font (DejaVu Sans: the
 * standard PDF fonts cannot encode "Ł" or "ő"). Every page carries the report's version, the page number and
 * the SHA-256 of the signed content, so a printout can be matched with the platform's record of the signature.
 */

const fontDirectory = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let fontFiles: { regular: Uint8Array; bold: Uint8Array; mono: Uint8Array } | undefined;
const loadFonts = () =>
  (fontFiles ??= {
    regular: readFileSync(path.join(fontDirectory, 'DejaVuSans.ttf')),
    bold: readFileSync(path.join(fontDirectory, 'DejaVuSans-Bold.ttf')),
    mono: readFileSync(path.join(fontDirectory, 'DejaVuSansMono.ttf')),
  });

const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
const MARGIN = 56;
const FOOTER_HEIGHT = 40;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.35, 0.35, 0.4);

const typeNames: Record<OutcomeReportContent['panel']['type'], string> = { diagnosis: 'Diagnosis', treatment: 'Treatment', followUp: 'Follow-up', training: 'Training' };
const statusNames: Record<OutcomeReportContent['diagnoses'][number]['status'], string> = { suspected: 'suspected', confirmed: 'confirmed', excluded: 'excluded' };
const roleNames: Record<OutcomeReportContent['contributors'][number]['role'], string> = { lead: 'panel lead', member: 'member', guest: 'guest expert' };

/** An instant as a reader anywhere can take it: minutes, in UTC. */
const utc = (instant: string) => `${new Date(instant).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Text as the fonts can draw it: no control characters (tabs and carriage returns become spaces). */
const printable = (text: string) => text.replace(/\r\n?/g, '\n').replace(/[\t\v\f]/g, ' ').replace(/[^\P{Cc}\n]/gu, '');

/** Splits one paragraph into lines that fit `width`; a word longer than a line is broken where it must be. */
export function wrapLine(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const fits = (candidate: string) => font.widthOfTextAtSize(candidate, size) <= width;
  for (const word of text.split(/ +/)) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = word;
    while (rest !== '' && !fits(rest)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut))) cut -= 1;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  lines.push(line);
  return lines;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

/** A cursor over pages: adds a page when the next line would run into the footer. */
function writer(doc: PDFDocument, fonts: Fonts, banner: string | undefined) {
  let page: PDFPage;
  let y = 0;
  const newPage = () => {
    page = doc.addPage(PageSizes.A4);
    y = PAGE_HEIGHT - MARGIN;
    if (banner !== undefined) {
      page.drawText(banner, { x: MARGIN, y, size: 9, font: fonts.bold, color: rgb(0.6, 0.2, 0) });
      y -= 18;
    }
  };
  newPage();
  const room = (height: number) => {
    if (y - height < MARGIN + FOOTER_HEIGHT) newPage();
  };
  return {
    text(text: string, options: { size?: number; bold?: boolean; color?: typeof INK; gapAfter?: number; indent?: number } = {}) {
      const size = options.size ?? 10.5;
      const font = options.bold === true ? fonts.bold : fonts.regular;
      const indent = options.indent ?? 0;
      const leading = size * 1.35;
      for (const paragraph of printable(text).split('\n')) {
        for (const line of wrapLine(paragraph, font, size, TEXT_WIDTH - indent)) {
          room(leading);
          y -= leading;
          page.drawText(line, { x: MARGIN + indent, y, size, font, color: options.color ?? INK });
        }
      }
      y -= options.gapAfter ?? 4;
    },
    heading(text: string) {
      room(40);
      y -= 10;
      this.text(text, { size: 13, bold: true, gapAfter: 2 });
    },
  };
}

export async function renderOutcomeReport(content: OutcomeReportContent, hash: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const files = loadFonts();
  const fonts: Fonts = {
    regular: await doc.embedFont(files.regular, { subset: true }),
    bold: await doc.embedFont(files.bold, { subset: true }),
    mono: await doc.embedFont(files.mono, { subset: true }),
  };
  const signedAt = new Date(content.signedAt);
  const when = utc(content.signedAt);
  const training = content.environment === 'training';
  doc.setTitle(`Outcome report, version ${content.version}: ${content.panel.title}`);
  doc.setSubject(`${content.panel.ern} — virtual consultation outcome report`);
  doc.setProducer('Open CPMS');
  doc.setCreator('Open CPMS');
  doc.setCreationDate(signedAt);
  doc.setModificationDate(signedAt);

  const out = writer(doc, fonts, training ? 'TRAINING ENVIRONMENT — synthetic data, not a clinical document' : undefined);
  out.text('Outcome report', { size: 20, bold: true, gapAfter: 2 });
  out.text(`${content.panel.ern}${content.panel.diseaseGroup ? ` · ${content.panel.diseaseGroup}` : ''}`, { size: 11, color: MUTED });
  out.text(`Version ${content.version}${content.amendmentReason ? ' (amendment)' : ''} · signed ${when}`, { size: 11, color: MUTED, gapAfter: 10 });

  out.heading('Panel');
  out.text(content.panel.title, { bold: true });
  out.text(`Type: ${typeNames[content.panel.type]}`);
  out.text(`Patient: ${content.patient.patientCode} · sex ${content.patient.sex}${content.patient.ageBand ? ` · ${content.patient.ageBand}` : ''}`);
  out.text(`Based on case record version ${content.recordVersion}`);
  out.heading('Clinical question');
  out.text(content.panel.clinicalQuestion);
  if (content.amendmentReason) {
    out.heading('Reason for this amendment');
    out.text(content.amendmentReason);
  }
  out.heading('Summary');
  out.text(content.summary);
  out.heading('Conclusion');
  out.text(content.conclusion);
  out.heading('Diagnoses');
  if (content.diagnoses.length === 0) out.text('None coded.', { color: MUTED });
  for (const d of content.diagnoses) out.text(`• ${d.label} (${d.code}) — ${statusNames[d.status]}`, { indent: 8 });
  out.heading('Recommendations');
  const recommendations: [string, string][] = [
    ['Investigations', content.recommendations.investigations],
    ['Treatment', content.recommendations.treatment],
    ['Follow-up', content.recommendations.followUp],
  ];
  for (const [label, text] of recommendations) {
    out.text(label, { bold: true, gapAfter: 0 });
    out.text(text.trim() === '' ? 'None.' : text, { indent: 8, color: text.trim() === '' ? MUTED : INK });
  }
  out.heading('Contributors');
  for (const c of content.contributors) out.text(`• ${c.name}, ${roleNames[c.role]}${c.hospital ? ` — ${c.hospital}` : ''}${c.country ? ` (${c.country})` : ''}`, { indent: 8 });
  out.heading('Approvals');
  if (content.approvals.length === 0) out.text('No member approved the signed text before the signature.', { color: MUTED });
  for (const a of content.approvals) {
    out.text(`• ${a.name}, ${roleNames[a.role]}${a.hospital ? ` — ${a.hospital}` : ''}${a.country ? ` (${a.country})` : ''}, approved ${utc(a.approvedAt)}`, { indent: 8 });
  }
  out.heading('Signature');
  out.text(`Signed by ${content.signedBy.name}${content.signedBy.hospital ? `, ${content.signedBy.hospital}` : ''}, panel lead, on ${when}, confirmed with a second factor.`);
  out.text(`SHA-256 of the signed content:\n${hash}`, { size: 9, color: MUTED, gapAfter: 10 });
  out.text(
    'This report is the advice of a panel of experts of a European Reference Network, given on the shared, pseudonymised case record named above. ' +
      'Legal responsibility for the diagnosis and care of the patient stays with the treating clinician.',
    { size: 9, color: MUTED },
  );

  const pages = doc.getPages();
  pages.forEach((page, index) => {
    const footer = `Outcome report v${content.version} · ${content.patient.patientCode} · page ${index + 1} of ${pages.length}`;
    page.drawText(footer, { x: MARGIN, y: MARGIN - 14, size: 8, font: fonts.regular, color: MUTED });
    page.drawText(`SHA-256 ${hash}`, { x: MARGIN, y: MARGIN - 26, size: 7, font: fonts.mono, color: MUTED });
  });
  return doc.save();
}
