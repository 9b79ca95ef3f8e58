import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError } from '../../http/errors.ts';

/*
 * Multipart routes sit outside zod (DESIGN): this is the one place an upload form is read and checked.
 * The form is a few short text fields, then exactly one file, then nothing: fields first, so the route
 * can decide whether to accept the file before reading a byte of it. Nothing here buffers the file.
 * (Generic: it moves to src/http once a second module takes uploads.)
 */

/** Busboy's limits for such a form. The file may run one byte over, so the blob store's own limit trips. */
export const uploadFormLimits = (maxFileBytes: number, fieldCount: number) => ({
  files: 1,
  fields: fieldCount,
  parts: fieldCount + 1,
  fileSize: maxFileBytes + 1,
  fieldSize: 4096,
  fieldNameSize: 64,
  headerPairs: 20,
});

export interface ReceivedUpload<F> {
  fields: F;
  /** As the client named it: untrusted, identifying; sanitise before storing, never log it. */
  fileName: string;
  content: AsyncIterable<Buffer>;
  /** Once the content has been read: refuses a file cut at the size limit, or anything after the file. */
  finish(): Promise<void>;
}

const oneFileOnly = 'Send exactly one file, after the form fields, and nothing else.';

/** Busboy's and the plugin's errors, by code, as answers a person can act on. */
const answers: Record<string, () => AppError> = {
  FST_INVALID_MULTIPART_CONTENT_TYPE: () => new AppError('unsupportedMediaType', 'Send the file as multipart/form-data.'),
  FST_REQ_FILE_TOO_LARGE: () => new AppError('payloadTooLarge', 'The file is too large.'),
  FST_FILES_LIMIT: () => new AppError('badRequest', oneFileOnly),
  FST_PARTS_LIMIT: () => new AppError('badRequest', oneFileOnly),
  FST_FIELDS_LIMIT: () => new AppError('badRequest', oneFileOnly),
  FST_PROTO_VIOLATION: () => new AppError('badRequest', oneFileOnly),
};

function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && Object.hasOwn(answers, code) ? answers[code]!() : new AppError('badRequest', 'The upload could not be read as multipart/form-data; try again.');
}

async function nextPart(parts: AsyncIterator<Multipart>): Promise<Multipart | undefined> {
  try {
    const next = await parts.next();
    return next.done ? undefined : next.value;
  } catch (error) {
    throw asAppError(error);
  }
}

/** The file's bytes; a form cut short or malformed mid-file is the client's error, not a 500. */
async function* readFile(file: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    for await (const piece of file) yield piece;
  } catch (error) {
    throw asAppError(error);
  }
}

/** Reads the form's fields up to its file part and validates them; the file itself is left unread. */
export async function receiveUpload<F>(request: FastifyRequest, fieldsSchema: z.ZodType<F>, maxFileBytes: number, fieldCount: number): Promise<ReceivedUpload<F>> {
  if (!request.isMultipart()) throw new AppError('unsupportedMediaType', 'Send the file as multipart/form-data.');
  const parts = request.parts({ limits: uploadFormLimits(maxFileBytes, fieldCount) });
  const raw: Record<string, string> = {};
  for (let part = await nextPart(parts); ; part = await nextPart(parts)) {
    if (part === undefined) throw new AppError('badRequest', 'Attach a file to upload.', [{ path: 'body.file', message: 'missing' }]);
    if (part.type === 'field') {
      if (part.fieldnameTruncated || part.valueTruncated || typeof part.value !== 'string') throw new AppError('badRequest', `The field ${part.fieldname.slice(0, 64)} is too long or not text.`);
      if (Object.hasOwn(raw, part.fieldname)) throw new AppError('badRequest', `The field ${part.fieldname.slice(0, 64)} is given twice.`);
      raw[part.fieldname] = part.value;
      continue;
    }
    const parsed = fieldsSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => ({ path: ['body', ...issue.path.map(String)].join('.'), message: issue.message }));
      throw new AppError('badRequest', 'Some fields are missing or not valid (send them before the file); see problems.', problems);
    }
    const file = part.file;
    return {
      fields: parsed.data,
      fileName: part.filename,
      content: readFile(file),
      async finish() {
        if (file.truncated) throw new AppError('payloadTooLarge', 'The file is too large.');
        if ((await nextPart(parts)) !== undefined) throw new AppError('badRequest', oneFileOnly);
      },
    };
  }
}
