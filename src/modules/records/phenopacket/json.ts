/** Small JSON helpers for reading and writing phenopackets. */

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Protobuf's JSON form accepts the .proto field names too (time_at_last_encounter); files written by
 * Python or by hand often use them. Keys become lowerCamelCase, values stay as they are.
 */
export function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()), camelCaseKeys(inner)]));
}

type Droppable<V> = undefined extends V ? true : V extends readonly unknown[] ? true : false;
/** T with the fields compact() may drop (possibly undefined, or arrays) made optional. */
export type Compacted<T> = { [K in keyof T as Droppable<T[K]> extends true ? never : K]: T[K] } & { [K in keyof T as Droppable<T[K]> extends true ? K : never]?: Exclude<T[K], undefined> };

/**
 * Drops undefined fields and empty arrays, as protobuf's JSON form omits unset and empty fields, so
 * an export carries only what the record holds.
 */
export function compact<T extends Record<string, unknown>>(object: T): Compacted<T> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as Compacted<T>;
}
