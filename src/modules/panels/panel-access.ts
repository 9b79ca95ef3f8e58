import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../access/actor.ts';
import type { Db } from '../../db/database.ts';
import { sessionAccess, type RouteAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { findPanel, type ScopedPanel } from './panel-scope.ts';

export type PanelCheck = (scoped: ScopedPanel, actor: Actor, request: FastifyRequest) => boolean | Promise<boolean>;

/**
 * Routes on one panel: found within the actor's panel scope (404 otherwise), then the action checked
 * (403 with `refusal`), before any input is validated. The handler gets the ScopedPanel.
 */
export const onPanel = (deps: { db: Db }, rule: string, allowed?: PanelCheck, refusal = 'Your role on this panel does not allow this.'): RouteAccess =>
  sessionAccess(rule, {
    authorize: async (request, actor) => {
      const scoped = await findPanel(deps.db, actor, (request.params as { id?: string }).id ?? '');
      if (!scoped) throw new AppError('notFound', 'No such panel.');
      if (allowed && !(await allowed(scoped, actor, request))) throw new AppError('forbidden', refusal);
      request.scoped = scoped;
    },
  });

/** Lead, members and guests who accepted. */
export const member: PanelCheck = (scoped) => scoped.role !== null;
export const lead: PanelCheck = (scoped) => scoped.role === 'lead';
export const coordinator: PanelCheck = (scoped) => scoped.coordinator;
