import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ernsWhere, isPlatformAdministrator, isUuid, type Actor } from '../../access/actor.ts';
import type { AppDeps } from '../../app-deps.ts';
import { erns, hospitals, memberships } from '../../db/schema/index.ts';
import { actorOf, sessionAccess } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { ernPartition, PLATFORM_PARTITION } from '../audit/audit-actions.contract.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { ErnSettings, ErnSettingsPatch, HospitalCreated, MembershipBody, MembershipView, NewHospital } from './admin.contract.ts';

const adminOnly = (rule: string) =>
  sessionAccess(`platform administrators: ${rule}`, {
    authorize: async (_request, actor) => {
      if (!isPlatformAdministrator(actor)) throw new AppError('forbidden', 'Only platform administrators can do this.');
    },
  });

/** Administrators, and the ERN's own coordinators, manage an ERN's settings; others do not see them. */
const ernSettingsAccess = (deps: AppDeps, what: string) =>
  sessionAccess(`platform administrators and the ERN's coordinators: ${what}`, {
    authorize: async (request, actor: Actor) => {
      const id = (request.params as { ernId?: string }).ernId;
      const [ern] = isUuid(id) ? await deps.db.select({ id: erns.id }).from(erns).where(eq(erns.id, id)) : [];
      if (!ern) throw new AppError('notFound', 'No such network.');
      if (!isPlatformAdministrator(actor) && !ernsWhere(actor, 'coordinator').includes(ern.id)) throw new AppError('forbidden', 'Only its coordinators and platform administrators can change this network\'s settings.');
    },
  });

const settingsOf = async (deps: AppDeps, ernId: string): Promise<z.infer<typeof ErnSettings>> => {
  const [row] = await deps.db
    .select({ triageRequired: erns.triageRequired, employmentConfirmationRequired: erns.employmentConfirmationRequired, helpdeskEmail: erns.helpdeskEmail, guestAccountDays: erns.guestAccountDays })
    .from(erns)
    .where(eq(erns.id, ernId));
  return row!;
};

const ErnParams = z.object({ ernId: z.string() });
const MembershipParams = z.object({ hospitalId: z.string(), ernId: z.string() });

export const adminOrganisationsRoutes = (deps: AppDeps): FastifyPluginAsyncZod => async (app) => {
  app.get(
    '/api/erns/:ernId/settings',
    { config: { access: ernSettingsAccess(deps, 'reading settings') }, schema: { summary: 'An ERN\'s settings (triage, employment confirmation, helpdesk, guest period)', tags: ['administration'], params: ErnParams, response: { 200: ErnSettings } } },
    async (request) => settingsOf(deps, request.params.ernId),
  );

  app.patch(
    '/api/erns/:ernId/settings',
    { config: { access: ernSettingsAccess(deps, 'changing settings') }, schema: { summary: 'Change an ERN\'s settings', tags: ['administration'], params: ErnParams, body: ErnSettingsPatch, response: { 200: ErnSettings } } },
    async (request) => {
      const actor = actorOf(request);
      await deps.db.transaction(async (tx) => {
        if (Object.keys(request.body).length) await tx.update(erns).set(request.body).where(eq(erns.id, request.params.ernId));
        await recordAudit(tx, deps.clock, { partition: ernPartition(request.params.ernId), actorId: actor.personId, action: 'ern.updated', targetType: 'ern', targetId: request.params.ernId, clientAddress: request.ip, details: { fields: Object.keys(request.body) } });
      });
      return settingsOf(deps, request.params.ernId);
    },
  );

  app.post(
    '/api/admin/hospitals',
    { config: { access: adminOnly('adding a hospital') }, schema: { summary: 'Add a hospital', tags: ['administration'], body: NewHospital, response: { 201: HospitalCreated } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const created = await deps.db.transaction(async (tx) => {
        const [row] = await tx.insert(hospitals).values(request.body).onConflictDoNothing().returning();
        if (!row) throw new AppError('conflict', 'A hospital with this name already exists in this city.');
        await recordAudit(tx, deps.clock, { partition: PLATFORM_PARTITION, actorId: actor.personId, action: 'hospital.created', targetType: 'hospital', targetId: row.id, clientAddress: request.ip });
        return row;
      });
      return reply.status(201).send({ id: created.id, name: created.name, city: created.city, country: created.country });
    },
  );

  app.put(
    '/api/admin/hospitals/:hospitalId/memberships/:ernId',
    { config: { access: adminOnly('setting a hospital\'s membership in an ERN') }, schema: { summary: 'Make a hospital a full member or affiliated partner of an ERN', tags: ['administration'], params: MembershipParams, body: MembershipBody, response: { 200: MembershipView } } },
    async (request) => {
      const actor = actorOf(request);
      const { hospitalId, ernId } = request.params;
      if (!isUuid(hospitalId) || !isUuid(ernId)) throw new AppError('notFound', 'No such hospital or network.');
      await deps.db.transaction(async (tx) => {
        await tx.insert(memberships).values({ hospitalId, ernId, type: request.body.type }).onConflictDoUpdate({ target: [memberships.hospitalId, memberships.ernId], set: { type: request.body.type } });
        await recordAudit(tx, deps.clock, { partition: ernPartition(ernId), actorId: actor.personId, action: 'membership.changed', targetType: 'hospital', targetId: hospitalId, clientAddress: request.ip, details: { type: request.body.type } });
      });
      return { hospitalId, ernId, type: request.body.type };
    },
  );

  app.delete(
    '/api/admin/hospitals/:hospitalId/memberships/:ernId',
    { config: { access: adminOnly('ending a hospital\'s membership in an ERN') }, schema: { summary: 'End a hospital\'s membership in an ERN', tags: ['administration'], params: MembershipParams, response: { 200: MembershipView } } },
    async (request) => {
      const actor = actorOf(request);
      const { hospitalId, ernId } = request.params;
      const removed = isUuid(hospitalId) && isUuid(ernId)
        ? await deps.db.transaction(async (tx) => {
            const rows = await tx.delete(memberships).where(and(eq(memberships.hospitalId, hospitalId), eq(memberships.ernId, ernId))).returning();
            if (rows.length) await recordAudit(tx, deps.clock, { partition: ernPartition(ernId), actorId: actor.personId, action: 'membership.changed', targetType: 'hospital', targetId: hospitalId, clientAddress: request.ip, details: { type: null } });
            return rows.length;
          })
        : 0;
      if (!removed) throw new AppError('notFound', 'No such membership.');
      return { hospitalId, ernId, type: null };
    },
  );
};
