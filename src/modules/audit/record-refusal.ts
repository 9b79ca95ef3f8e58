import type { FastifyRequest } from 'fastify';
import { isUuid } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { AppError } from '../../http/errors.ts';
import { PLATFORM_PARTITION } from './audit-actions.contract.ts';
import { recordDenied } from './record-audit.ts';

/**
 * Every refusal a route's authorization decides (404 for what the caller may not see, 403 for what they
 * may not do) is audited, in a transaction of its own: the refused request changed nothing to roll back.
 */
export const recordRefusal =
  (deps: AppDeps) =>
  async (request: FastifyRequest, error: AppError): Promise<void> => {
    const params = (request.params ?? {}) as Record<string, unknown>;
    // Routes on one patient name it :patientId, or :id under /api/patients/
    const candidate = params.patientId ?? (request.routeOptions.url?.startsWith('/api/patients/:id') ? params.id : undefined);
    const patientId = isUuid(candidate) ? candidate.toLowerCase() : null;
    await recordDenied(deps.db, deps.clock, {
      partition: PLATFORM_PARTITION,
      actorId: request.actor?.personId ?? null,
      action: 'access.denied',
      targetType: 'route',
      targetId: `${request.method} ${request.routeOptions.url ?? ''}`,
      patientId, // so a refused look at a patient shows in that patient's access report
      clientAddress: request.ip,
      details: { status: error.status, params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v).slice(0, 64)])) },
    });
  };
