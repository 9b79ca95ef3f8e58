import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps.ts';
import { actorOf, scopedOf, type RouteAccess } from '../../http/access.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import { receiveUpload, uploadFormLimits } from '../attachments/multipart-upload.ts';
import { patientDeidentificationKey } from './deidentification-key.ts';
import { retrieveFrames, retrieveInstance, searchInstances, searchSeries, searchStudies, seriesMetadata, type Multipart } from './dicomweb.ts';
import { auditImaging, panelImagingAccess, patientImagingAccess, type ScopedImaging } from './imaging-access.ts';
import { DeidentificationKeyView, DicomJsonList, QidoQuery, StoredInstance, StudyList } from './imaging.contract.ts';
import { listStudies } from './imaging.queries.ts';
import { MAX_INSTANCE_BYTES, storeInstance } from './store-instance.ts';

const IdParams = z.object({ id: z.string() });
const StudyParams = IdParams.extend({ study: z.string().max(64) });
const SeriesParams = StudyParams.extend({ series: z.string().max(64) });
const InstanceParams = SeriesParams.extend({ instance: z.string().max(64) });
const FrameParams = InstanceParams.extend({ frames: z.string().max(400) });
const tags = ['imaging'];
const NoFields = z.object({}).strict() as z.ZodType<Record<string, never>>;

const sendMultipart = (reply: { header(name: string, value: string): unknown; send(body: unknown): unknown }, answer: Multipart) => {
  reply.header('content-type', answer.contentType);
  reply.header('cache-control', 'private, no-store');
  return reply.send(answer.body);
};

/** The DICOMweb service and the study list of one scope (a patient, or a panel): the same routes, the scope decides what exists. */
function scopeRoutes(deps: AppDeps, base: '/api/patients/:id' | '/api/panels/:id', access: (db: { db: Db }, rule: string) => RouteAccess, rule: string): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { access: access(deps, rule) };
    const dicomJson = { 200: DicomJsonList };
    const root = `${base}/dicomweb`;

    app.get(`${base}/imaging/studies`, { config, schema: { summary: 'The studies in scope, with their series and instance counts (a panel sees its share\'s studies under their labels)', tags, params: IdParams, response: { 200: StudyList } } }, async (request) => {
      const scoped = scopedOf<ScopedImaging>(request);
      const studies = await listStudies(deps.db, scoped.scope);
      await deps.db.transaction((tx) => auditImaging(tx, deps.clock, scoped, { actorId: actorOf(request).personId, action: 'imaging.searched', clientAddress: request.ip, targetType: 'imagingStudies', targetId: scoped.scope.patientId, details: { level: 'list', results: studies.length } }));
      return { studies };
    });

    app.get(`${root}/studies`, { config, schema: { summary: 'QIDO-RS: search for studies', tags, params: IdParams, querystring: QidoQuery, response: dicomJson } }, async (request, reply) => {
      reply.type('application/dicom+json');
      return searchStudies(deps, actorOf(request), scopedOf<ScopedImaging>(request), request.query, request.ip);
    });

    app.get(`${root}/studies/:study/series`, { config, schema: { summary: 'QIDO-RS: search for a study\'s series', tags, params: StudyParams, querystring: QidoQuery, response: dicomJson } }, async (request, reply) => {
      reply.type('application/dicom+json');
      return searchSeries(deps, actorOf(request), scopedOf<ScopedImaging>(request), request.params.study, request.query, request.ip);
    });

    app.get(`${root}/studies/:study/series/:series/instances`, { config, schema: { summary: 'QIDO-RS: search for a series\' instances', tags, params: SeriesParams, querystring: QidoQuery, response: dicomJson } }, async (request, reply) => {
      reply.type('application/dicom+json');
      return searchInstances(deps, actorOf(request), scopedOf<ScopedImaging>(request), request.params.study, request.params.series, request.query, request.ip);
    });

    app.get(`${root}/studies/:study/series/:series/metadata`, { config, schema: { summary: 'WADO-RS: the series\' metadata (DICOM JSON, bulk data left out)', tags, params: SeriesParams, response: dicomJson } }, async (request, reply) => {
      reply.type('application/dicom+json');
      return seriesMetadata(deps, actorOf(request), scopedOf<ScopedImaging>(request), request.params.study, request.params.series, request.ip);
    });

    app.get(`${root}/studies/:study/series/:series/instances/:instance`, { exposeHeadRoute: false, config, schema: { summary: 'WADO-RS: one instance (multipart/related; type="application/dicom")', tags, params: InstanceParams } }, async (request, reply) => {
      const { study, series, instance } = request.params;
      return sendMultipart(reply, await retrieveInstance(deps, actorOf(request), scopedOf<ScopedImaging>(request), { study, series, instance }, request.ip));
    });

    app.get(`${root}/studies/:study/series/:series/instances/:instance/frames/:frames`, { exposeHeadRoute: false, config, schema: { summary: 'WADO-RS: frames of an instance (multipart/related; type="application/octet-stream")', tags, params: FrameParams } }, async (request, reply) => {
      const { study, series, instance, frames } = request.params;
      return sendMultipart(reply, await retrieveFrames(deps, actorOf(request), scopedOf<ScopedImaging>(request), { study, series, instance }, frames, request.ip));
    });
  };
}

export interface ImagingRouteOptions {
  /** Largest file accepted (capped at MAX_INSTANCE_BYTES: one file is checked whole, in memory). */
  maxUploadBytes?: number;
}

export const imagingRoutes = (deps: AppDeps, options: ImagingRouteOptions = {}): FastifyPluginAsyncZod => async (app) => {
  const maxBytes = Math.min(options.maxUploadBytes ?? MAX_INSTANCE_BYTES, MAX_INSTANCE_BYTES);
  const staff = 'the enrolling hospital\'s staff';

  await app.register(async (uploads) => {
    await uploads.register(multipart, { limits: uploadFormLimits(maxBytes, 0) });
    uploads.addHook('onSend', async (request, reply) => {
      if (request.method === 'POST' && reply.statusCode >= 400 && request.headers['content-type']?.startsWith('multipart/')) reply.header('connection', 'close');
    });
    uploads.withTypeProvider().post(
      '/api/patients/:id/imaging/instances',
      {
        config: { access: patientImagingAccess(deps, staff) },
        schema: {
          summary: 'Upload one de-identified DICOM file of a study (multipart/form-data: one file). Checked again here; a file already stored (same SOP Instance UID) is skipped',
          description: 'Refused (422, nothing stored) if it keeps identifying attributes, private elements, original UIDs, a string equal to one of the patient\'s identifiers, or unmasked burned-in text.',
          tags,
          params: IdParams,
          response: { 200: StoredInstance, 201: StoredInstance },
        },
      },
      async (request, reply) => {
        const scoped = scopedOf<ScopedImaging>(request);
        const upload = await receiveUpload(request, NoFields, maxBytes, 0);
        const stored = await storeInstance(deps, { actor: actorOf(request), patient: scoped.patient!, upload, maxBytes, clientAddress: request.ip });
        return reply.status(stored.status === 'stored' ? 201 : 200).send(stored);
      },
    );
  });

  app.get(
    '/api/patients/:id/imaging/deidentification-key',
    { config: { access: patientImagingAccess(deps, staff) }, schema: { summary: 'The patient\'s de-identification key for the uploader (UID HMAC key and date shift; the same for every upload of the patient)', tags, params: IdParams, response: { 200: DeidentificationKeyView } } },
    async (request, reply) => {
      const scoped = scopedOf<ScopedImaging>(request);
      const key = await deps.db.transaction(async (tx) => {
        const found = await patientDeidentificationKey(tx, deps.keys, scoped.scope.patientId);
        if (!found) throw new AppError('conflict', 'This patient\'s data key has been erased: no new images can be added.');
        await auditImaging(tx, deps.clock, scoped, { actorId: actorOf(request).personId, action: 'imaging.keyIssued', clientAddress: request.ip, targetType: 'patient', targetId: scoped.scope.patientId });
        return found;
      });
      reply.header('cache-control', 'no-store');
      return key;
    },
  );

  await app.register(scopeRoutes(deps, '/api/patients/:id', patientImagingAccess, staff));
  await app.register(scopeRoutes(deps, '/api/panels/:id', panelImagingAccess, 'the panel\'s lead, members and guests: studies of the latest share'));
};
