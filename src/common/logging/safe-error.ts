import { stdSerializers } from 'pino';

/** The keys of a serialized error that can hold a row's values (a NIK, a name): never logged. */
const VALUE_KEYS = new Set(['parameters', 'sql', 'values']);

/** MySQL quotes the offending value in its messages ("Duplicate entry '3601…' for key …"). */
const QUOTED = /'(?:[^'\\]|\\.)*'/g;

/**
 * An error as the logs may keep it: pino's serialization without the query's parameters and
 * with every quoted value in a message masked, at any depth (TypeORM's QueryFailedError carries
 * the driver's error and the parameters: a failing insert of a student would log their NIK).
 * The SQL text stays: ours binds values as parameters, so it names tables and columns only.
 */
export function safeError(err: unknown): unknown {
  if (!(err instanceof Error)) {
    return err;
  }
  return scrub(stdSerializers.err(err));
}

function scrub(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    return key === 'query' ? value : value.replace(QUOTED, "'…'");
  }
  if (Array.isArray(value)) {
    return value.map((item) => scrub(item));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !VALUE_KEYS.has(k))
        .map(([k, v]) => [k, scrub(v, k)]),
    );
  }
  return value;
}
