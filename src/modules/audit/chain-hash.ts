import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The hashed content of an audit event: every column except the hash itself. */
export interface ChainedFields {
  partition: string;
  seq: number;
  occurredAt: string;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  patientId: string | null;
  patientIds: string[];
  clientAddress: string | null;
  outcome: string;
  details: Record<string, unknown>;
  prevHash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * SHA-256 over the RFC 8785 canonical JSON of the fields, so the hash does not depend on key order or on
 * how either database driver formats a timestamp (instants are normalised to ISO 8601 UTC first).
 */
export function chainHash(fields: ChainedFields): string {
  const normalised = {
    ...fields,
    occurredAt: new Date(fields.occurredAt).toISOString(),
    patientIds: [...fields.patientIds].sort(),
  };
  return createHash('sha256').update(canonicalize(normalised) ?? '').digest('hex');
}
