import { z } from 'zod';

/** Shared by the server's routes and the web app (type-only imports there). */
export const HealthResponse = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
  environment: z.enum(['training', 'production']),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const LivenessResponse = z.object({ status: z.literal('ok') });
export type LivenessResponse = z.infer<typeof LivenessResponse>;
