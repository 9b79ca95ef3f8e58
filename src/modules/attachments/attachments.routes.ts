import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendDownload, rangeOf } from '../../http/send-download.ts';
import { actorOf, scopedOf } from '../../http/access.ts';
import { hospitalPartition } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { attachmentAccess, type ScopedAttachment } from './attachment-access.ts';
import { DEFAULT_MAX_UPLOAD_BYTES, type AttachmentDeps } from './attachment-deps.ts';
import { AttachmentList, AttachmentView, UploadFields } from './attachments.contract.ts';
import { listAttachments } from './attachments.queries.ts';
import { deleteAttachment } from './delete-attachment.ts';
import { downloadAttachment } from './download-attachment.ts';
import { receiveUpload, uploadFormLimits } from './multipart-upload.ts';
import { uploadAttachment } from './upload-attachment.ts';

const PatientParams = z.object({ id: z.string() });
const AttachmentParams = z.object({ id: z.string(), attachmentId: z.string() });
const rule = 'the enrolling hospital\'s staff';

export interface AttachmentRouteOptions {
  /** Largest file accepted, in bytes. */
  maxUploadBytes?: number;
}

export const attachmentRoutes = (deps: AttachmentDeps, options: AttachmentRouteOptions = {}): FastifyPluginAsyncZod => async (app) => {
  const maxBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  // Registered here, so multipart bodies are parsed only by these routes (and streamed, never buffered).
  await app.register(multipart, { limits: uploadFormLimits(maxBytes, Object.keys(UploadFields.shape).length) });
  // A refused upload is answered without reading the rest of its body; closing the connection stops the
  // client sending it rather than leaving unread bytes on a kept-alive socket.
  app.addHook('onSend', async (request, reply) => {
    if (request.method === 'POST' && reply.statusCode >= 400 && request.headers['content-type']?.startsWith('multipart/')) reply.header('connection', 'close');
  });

  app.post(
    '/api/patients/:id/attachments',
    {
      config: { access: attachmentAccess(deps, rule) },
      schema: {
        summary: 'Upload a file for the patient (multipart/form-data: the fields kind and description, then one file)',
        description: `Accepted by content, whatever the name: PDF, PNG, JPEG, TIFF, WebP and plain-text VCF, as each kind allows; at most ${maxBytes} bytes. Photographs need the patient's photograph consent.`,
        tags: ['attachments'],
        params: PatientParams,
        response: { 201: AttachmentView },
      },
    },
    async (request, reply) => {
      const { patient } = scopedOf<ScopedAttachment>(request);
      const upload = await receiveUpload(request, UploadFields, maxBytes, Object.keys(UploadFields.shape).length);
      const view = await uploadAttachment(deps, { actor: actorOf(request), patient, upload, maxBytes, clientAddress: request.ip });
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/patients/:id/attachments',
    { config: { access: attachmentAccess(deps, rule) }, schema: { summary: 'The patient\'s files (names included)', tags: ['attachments'], params: PatientParams, response: { 200: AttachmentList } } },
    async (request) => {
      const { patient } = scopedOf<ScopedAttachment>(request);
      const found = await listAttachments(deps.db, deps.keys, patient.id);
      // File names can identify the patient: listing them is a read of the patient's record.
      await deps.db.transaction((tx) => recordAudit(tx, deps.clock, { partition: hospitalPartition(patient.hospitalId), actorId: actorOf(request).personId, action: 'patient.viewed', targetType: 'attachmentList', targetId: patient.id, patientId: patient.id, clientAddress: request.ip, details: { attachments: found.length } }));
      return { attachments: found };
    },
  );

  app.get(
    '/api/patients/:id/attachments/:attachmentId/content',
    {
      // A HEAD would run this handler and audit a download that never happened.
      exposeHeadRoute: false,
      config: { access: attachmentAccess(deps, rule) },
      schema: { summary: 'The file itself (always as a download; single HTTP ranges answer 206)', tags: ['attachments'], params: AttachmentParams },
    },
    async (request, reply) => {
      const { patient, attachment } = scopedOf<ScopedAttachment>(request);
      const download = await downloadAttachment(deps, { actor: actorOf(request), patient, attachment: attachment!, ...rangeOf(request), clientAddress: request.ip });
      return sendDownload(request, reply, download);
    },
  );

  app.delete(
    '/api/patients/:id/attachments/:attachmentId',
    { config: { access: attachmentAccess(deps, rule) }, schema: { summary: 'Delete a file (soft: kept until the retention purge)', tags: ['attachments'], params: AttachmentParams } },
    async (request, reply) => {
      const { patient } = scopedOf<ScopedAttachment>(request);
      await deleteAttachment(deps, { actor: actorOf(request), patient, attachmentId: request.params.attachmentId, clientAddress: request.ip });
      return reply.status(204).send();
    },
  );
};
