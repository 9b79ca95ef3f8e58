import { z } from 'zod';
import { ConsentKind } from './consent.contract.ts';

const Language = z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as "de"');

/**
 * The text fields of a template upload (multipart/form-data), before the one PDF file: the server decides
 * whether it may store the file before reading it. No ERN: the platform's template, for every network.
 */
export const ConsentTemplateFields = z.object({
  kind: ConsentKind,
  ernId: z
    .union([z.uuid(), z.literal('')])
    .optional()
    .transform((id) => (id ? id : null)),
  language: Language,
  version: z.string().trim().min(1).max(50),
  title: z.string().trim().min(1).max(200),
});
export type ConsentTemplateFields = z.infer<typeof ConsentTemplateFields>;

export const ConsentTemplateView = z.object({
  id: z.string(),
  kind: ConsentKind,
  /** Null: the platform's template, for every network. */
  ernId: z.string().nullable(),
  ernCode: z.string().nullable(),
  language: z.string(),
  version: z.string(),
  title: z.string(),
  fileName: z.string(),
  mediaType: z.literal('application/pdf'),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
  retiredAt: z.string().nullable(),
  active: z.boolean(),
});
export type ConsentTemplateView = z.infer<typeof ConsentTemplateView>;

export const ConsentTemplateList = z.object({ templates: z.array(ConsentTemplateView) });
export type ConsentTemplateList = z.infer<typeof ConsentTemplateList>;

/** Filters of the staff's list of active templates; with an ERN, its own templates and the platform's. */
export const ConsentTemplateFilter = z.object({
  kind: ConsentKind.optional(),
  language: Language.optional(),
  ernId: z.uuid().optional(),
});
export type ConsentTemplateFilter = z.infer<typeof ConsentTemplateFilter>;
