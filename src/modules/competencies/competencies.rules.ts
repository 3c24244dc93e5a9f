import { CompetencyUnitKind } from './competencies.types';

export const SKKNI_CODE = /^[A-U]\.\d{6}\.\d{3}\.\d{2}$/;
export const LOCAL_CODE = /^[A-Z0-9][A-Z0-9._-]{1,31}$/;
/** Either kind of code: what a filter by codes accepts. */
export const UNIT_CODE = new RegExp(`${SKKNI_CODE.source}|${LOCAL_CODE.source}`);

/** SKKNI-shaped codes first; anything else must look like a local code. */
export function unitKind(code: string): CompetencyUnitKind | null {
  if (SKKNI_CODE.test(code)) {
    return CompetencyUnitKind.Skkni;
  }
  return LOCAL_CODE.test(code) ? CompetencyUnitKind.Local : null;
}
