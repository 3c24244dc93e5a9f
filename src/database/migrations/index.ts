import { Init1764300000000 } from './1764300000000-init';

/** Every migration in order; the app, the CLI and the tests run this list. */
export const MIGRATIONS = [Init1764300000000];
