import { ConfigValidationError, validateEnv } from './env.validation';
import { toEngineOptions } from '../modules/matching/matching.mapper';

/** The variables every start needs, valid. */
const required = {
  DB_HOST: '127.0.0.1',
  DB_USER: 'smk',
  DB_NAME: 'smk',
  REDIS_HOST: '127.0.0.1',
  JWT_ACCESS_SECRET: 'a'.repeat(32),
  JWT_REFRESH_SECRET: 'b'.repeat(32),
  ENCRYPTION_KEY: 'c'.repeat(64),
  ADMIN_EMAIL: 'admin@example.com',
  ADMIN_PASSWORD: 'long enough',
};

describe('MATCHING_THREADS', () => {
  it("is the engine's default when unset or empty, and the number given otherwise", () => {
    expect(validateEnv(required).MATCHING_THREADS).toBeUndefined();
    expect(validateEnv({ ...required, MATCHING_THREADS: '' }).MATCHING_THREADS).toBeUndefined();
    expect(validateEnv({ ...required, MATCHING_THREADS: '1' }).MATCHING_THREADS).toBe(1);
    expect(validateEnv({ ...required, MATCHING_THREADS: '64' }).MATCHING_THREADS).toBe(64);
  });

  it.each(['0', '65', '1.5', 'two', '-2'])(
    'stops the start at %p, naming the variable',
    (value) => {
      const start = () => validateEnv({ ...required, MATCHING_THREADS: value });
      expect(start).toThrow(ConfigValidationError);
      expect(start).toThrow(/MATCHING_THREADS must be a whole number from 1 to 64/);
    },
  );

  it("reaches the engine's options only when set", () => {
    expect(toEngineOptions('stable', { seed: 3 }, 2)).toEqual({
      seed: 3,
      mode: 'stable',
      certify: true,
      threads: 2,
    });
    expect(toEngineOptions('stable', { seed: 3 })).toEqual({
      seed: 3,
      mode: 'stable',
      certify: true,
    });
  });
});
