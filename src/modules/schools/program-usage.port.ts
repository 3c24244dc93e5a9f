import type { EntityManager } from 'typeorm';

/**
 * Whether students of a school follow a programme, so the school cannot drop it. Students sit
 * above schools, so the students feature provides this (dependency inversion, no cycle).
 */
export abstract class ProgramUsage {
  abstract hasStudentsIn(
    schoolId: number,
    programCode: string,
    manager: EntityManager,
  ): Promise<boolean>;
}
