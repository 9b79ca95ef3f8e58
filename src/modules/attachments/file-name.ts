import type { AttachmentMediaType } from './attachments.contract.ts';

const MAX_NAME_LENGTH = 150;

/** The extensions a saved file may carry for its sniffed type; the first is the one we add. */
const extensions: Record<AttachmentMediaType, string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/tiff': ['tif', 'tiff'],
  'image/webp': ['webp'],
  'text/x-vcf': ['vcf'],
};

// Control characters, bidirectional overrides (which can disguise "fdp.exe" as "exe.pdf"), and characters
// file systems or headers give a meaning to.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"/\\|?*]/g;

/**
 * A file name safe to show and to offer for saving: the last path segment only, without control or
 * reserved characters, not hidden, bounded in length, and ending in an extension that matches the sniffed
 * content — so a PDF can never be saved as "letter.html" and opened by a browser as a page.
 */
export function sanitiseFileName(raw: string | undefined, mediaType: AttachmentMediaType): string {
  const lastSegment = (raw ?? '').split(/[/\\]/).pop() ?? '';
  let name = lastSegment.normalize('NFC').replace(unsafe, '_').replace(/\s+/g, ' ').trim().replace(/^[.\s]+|[.\s]+$/g, '');
  const allowed = extensions[mediaType];
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  if (extension === undefined || !allowed.includes(extension)) name = `${name || 'attachment'}.${allowed[0]!}`;
  if (name.length > MAX_NAME_LENGTH) {
    const suffix = name.slice(name.lastIndexOf('.'));
    name = `${[...name.slice(0, name.lastIndexOf('.'))].slice(0, MAX_NAME_LENGTH - suffix.length).join('')}${suffix}`;
  }
  return name;
}

/**
 * `attachment` with an ASCII fallback and the exact name in RFC 8187 encoding, so every browser saves the
 * file (never shows it inline) under a name that cannot break out of the header.
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
