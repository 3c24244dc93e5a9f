import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as id from '@zxcvbn-ts/language-id';

/** zxcvbn's 0–4 scale: 3 is "safely unguessable" (about 10^8 guesses and more). */
export const MIN_PASSWORD_SCORE = 3;

/** Built on first use: loading the dictionaries takes most of a second. */
let estimator: ZxcvbnFactory | undefined;

function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    // English messages (the API's language); English and Indonesian words, names and places.
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, ...id.dictionary },
  });
  return estimator;
}

/**
 * Why a password is too easy to guess, or null when it is strong enough: the verdict, then
 * zxcvbn's warning and suggestions, each a problem of its own (in zxcvbn's English, which the
 * console and the API's catalogue translate with zxcvbn's own Indonesian). `userInputs` are the
 * account's own words (email, name), which a password must not lean on. Every path that sets a
 * password calls this (user creation, change, reset); only the bootstrap admin's password from
 * the environment is taken as configured.
 */
export function passwordWeakness(password: string, userInputs: string[] = []): string[] | null {
  // Each input whole, an email's local part, and each word of it.
  const inputs = userInputs.flatMap((input) => [
    input,
    input.split('@')[0],
    ...input.split(/[^\p{L}\p{N}]+/u),
  ]);
  const result = strengthEstimator().check(
    password,
    inputs.filter((input) => input.length >= 3),
  );
  if (result.score >= MIN_PASSWORD_SCORE) {
    return null;
  }
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter(
    (text): text is string => typeof text === 'string' && text !== '',
  );
  return [
    `is too easy to guess (strength ${result.score} of 4, ${MIN_PASSWORD_SCORE} needed)`,
    ...advice,
  ];
}
