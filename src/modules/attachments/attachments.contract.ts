import { z } from 'zod';

/** consentForm: a signed consent form, kept as a consent's evidence (it cannot be deleted while a consent cites it). */
export const AttachmentKind = z.enum(['document', 'image', 'photograph', 'vcf', 'report', 'consentForm']);
export type AttachmentKind = z.infer<typeof AttachmentKind>;

/** What the server accepts, by sniffing the content (never by the name or the client's declared type). */
export const AttachmentMediaType = z.enum(['application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'image/webp', 'text/x-vcf']);
export type AttachmentMediaType = z.infer<typeof AttachmentMediaType>;

/**
 * The text fields of an upload (multipart/form-data). They must come before the file part: the server
 * decides whether it may store the file before reading it.
 */
export const UploadFields = z.object({
  kind: AttachmentKind,
  description: z
    .string()
    .trim()
    .max(500)
    .optional()
    .transform((text) => (text ? text : null)),
});
export type UploadFields = z.infer<typeof UploadFields>;

export const AttachmentView = z.object({
  id: z.string(),
  patientId: z.string(),
  kind: AttachmentKind,
  /** Null only when the patient's data key has been erased (crypto-shredded). */
  fileName: z.string().nullable(),
  description: z.string().nullable(),
  mediaType: AttachmentMediaType,
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

export const AttachmentList = z.object({ attachments: z.array(AttachmentView) });
export type AttachmentList = z.infer<typeof AttachmentList>;
