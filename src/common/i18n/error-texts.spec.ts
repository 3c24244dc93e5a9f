import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sourceFiles } from '../../../test/helpers/source-files';
import { DAY_MESSAGES } from '../../modules/monitoring/monitoring.exception';
import { DomainException } from '../errors/domain.exception';
import { REASON_BY_STATUS } from '../errors/http-status';
import { API_TEXTS, interpolate, LOCALES } from './problem-text';

const SRC = join(__dirname, '../..');

/** Any argument of a factory: a number or a word in its message, a list where one is joined. */
const SAMPLE = Object.assign(['3601'], { toString: () => '3601' });

/** The factories that take their code from an argument, with every value it may have. */
const ARGUMENT_CODES: Record<string, string[]> = {
  'MonitoringException.day': Object.keys(DAY_MESSAGES),
};

/**
 * Every error the features' exceptions make (each static factory of each DomainException class
 * in a `*.exception.ts`, called with sample arguments), named by where it is made.
 */
function factoryErrors(): [string, DomainException][] {
  const found: [string, DomainException][] = [];
  for (const file of sourceFiles(SRC).filter((f) => f.endsWith('.exception.ts'))) {
    for (const type of Object.values(jest.requireActual<Record<string, unknown>>(file))) {
      if (typeof type !== 'function' || !(type.prototype instanceof DomainException)) continue;
      for (const name of Object.getOwnPropertyNames(type)) {
        const factory = (type as unknown as Record<string, unknown>)[name];
        if (typeof factory !== 'function' || name === 'prototype') continue;
        const where = `${type.name}.${name}`;
        const make = (...args: unknown[]) =>
          (factory as (...a: unknown[]) => unknown).apply(type, args);
        const samples = Array.from({ length: factory.length }, () => SAMPLE);
        for (const args of ARGUMENT_CODES[where]?.map((code) => [code, ...samples.slice(1)]) ?? [
          samples,
        ]) {
          const error = make(...args);
          if (error instanceof DomainException) found.push([where, error]);
        }
      }
    }
  }
  return found;
}

/** The codes made elsewhere (guards, the exception filter), by a literal after their kind. */
function otherCodes(): [string, string][] {
  const found: [string, string][] = [];
  for (const file of sourceFiles(SRC).filter((f) => !f.endsWith('.exception.ts'))) {
    const text = readFileSync(file, 'utf8');
    const where = file.slice(SRC.length + 1);
    for (const m of text.matchAll(/ErrorKind\.\w+,\s*'([a-z_]+)'/g)) found.push([where, m[1]]);
    if (where.endsWith('all-exceptions.filter.ts')) {
      for (const m of text.matchAll(/\bcode: '([a-z_]+)'/g)) found.push([where, m[1]]);
    }
  }
  return found;
}

/** What the console would show in English (or with a placeholder left) for `code`, if anything. */
function missingText(code: string, details: unknown, where: string): string[] {
  const vars = details && typeof details === 'object' ? (details as Record<string, unknown>) : {};
  return LOCALES.flatMap((locale) => {
    const text = (API_TEXTS[locale] as Record<string, string>)[`errors.${code}`];
    if (text === undefined) return [`${locale}: errors.${code} has no text (${where})`];
    return /\{\w+\}/.test(interpolate(text, vars))
      ? [`${locale}: errors.${code} names a value the error does not give (${where})`]
      : [];
  });
}

describe("the API's errors in the console's languages", () => {
  it('gives every error a feature makes a text of its own, unless its problems are on fields', () => {
    const errors = factoryErrors();
    // the factories are still found (70 when written)
    expect(errors.length).toBeGreaterThan(65);
    expect(errors.filter(([, e]) => e.code === String(SAMPLE)).map(([where]) => where)).toEqual([]);
    const missing = errors
      // a field's problems are shown on the field, each in the user's words (problem-texts.spec)
      .filter(([, e]) => !Array.isArray(e.details))
      .flatMap(([where, e]) => missingText(e.code, e.details, where));
    expect([...new Set(missing)]).toEqual([]);
  });

  it('gives the codes of the guards and of the exception filter a text', () => {
    const codes = otherCodes();
    expect(codes.map(([, code]) => code)).toEqual(
      expect.arrayContaining(['unauthorized', 'forbidden', 'internal', 'busy', 'duplicate']),
    );
    expect(codes.flatMap(([where, code]) => missingText(code, {}, where))).toEqual([]);
  });

  it('gives every HTTP status the API answers a text, for a code without its own', () => {
    // NotFoundException's codes (`student_not_found`) and the framework's own are shown so.
    expect(
      Object.keys(REASON_BY_STATUS).flatMap((status) => missingText(`http_${status}`, {}, status)),
    ).toEqual([]);
  });
});
