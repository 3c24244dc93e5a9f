import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { containsPattern } from '../../common/database/like';
import { CourseUnit } from './course-unit.entity';
import { Course } from './course.entity';
import type { CourseTeaching, CourseUnitLevel } from './courses.types';
import type { ListCoursesQuery } from './dto/course.dto';

export type CourseChanges = Partial<Pick<Course, 'title' | 'hours' | 'description'>>;

/** Every query on the courses and course_units tables. */
@Injectable()
export class CoursesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private courses(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(Course);
  }

  private units(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(CourseUnit);
  }

  findById(id: number): Promise<Course | null> {
    return this.courses().findOneBy({ id });
  }

  findByIds(ids: readonly number[]): Promise<Course[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.courses().findBy({ id: In([...ids]) });
  }

  exists(id: number): Promise<boolean> {
    return this.courses().existsBy({ id });
  }

  codeTaken(code: string): Promise<boolean> {
    return this.courses().existsBy({ code });
  }

  async insert(
    row: Omit<Course, 'id' | 'createdAt' | 'updatedAt'>,
    manager: EntityManager,
  ): Promise<number> {
    return (await this.courses(manager).save(row)).id;
  }

  async update(id: number, changes: CourseChanges, manager: EntityManager): Promise<void> {
    if (Object.keys(changes).length > 0) {
      await this.courses(manager).update({ id }, changes);
    }
  }

  /** Replaces the course's unit list. */
  async replaceUnits(
    courseId: number,
    units: readonly CourseUnitLevel[],
    manager: EntityManager,
  ): Promise<void> {
    await this.units(manager).delete({ courseId });
    await this.insertUnits(courseId, units, manager);
  }

  async insertUnits(
    courseId: number,
    units: readonly CourseUnitLevel[],
    manager: EntityManager,
  ): Promise<void> {
    if (units.length > 0) {
      await this.units(manager).insert(
        units.map((u) => ({ courseId, unitCode: u.unitCode, level: u.level })),
      );
    }
  }

  page(query: ListCoursesQuery): Promise<[Course[], number]> {
    const qb = this.courses().createQueryBuilder('c').orderBy('c.id', 'ASC');
    if (query.q) {
      const like = containsPattern(query.q);
      qb.andWhere('(c.code LIKE :like OR c.title LIKE :like)', { like });
    }
    if (query.providerType) {
      qb.andWhere('c.providerType = :providerType', { providerType: query.providerType });
    }
    if (query.unitCode) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM course_units cu WHERE cu.course_id = c.id AND cu.unit_code = :unitCode)',
        { unitCode: query.unitCode },
      );
    }
    return qb.skip(query.skip).take(query.pageSize).getManyAndCount();
  }

  unitsOf(courseIds: readonly number[], manager?: EntityManager): Promise<CourseUnit[]> {
    if (courseIds.length === 0) {
      return Promise.resolve([]);
    }
    return this.units(manager).find({
      where: { courseId: In([...courseIds]) },
      order: { courseId: 'ASC', unitCode: 'ASC' },
    });
  }

  /** The courses teaching any of `unitCodes`, highest level first. */
  async teaching(unitCodes: readonly string[]): Promise<CourseTeaching[]> {
    if (unitCodes.length === 0) {
      return [];
    }
    const rows = await this.units()
      .createQueryBuilder('cu')
      .innerJoin(Course, 'c', 'c.id = cu.course_id')
      .select([
        'cu.unit_code AS unit',
        'c.id AS id',
        'c.code AS code',
        'c.title AS title',
        'c.provider_name AS provider',
        'cu.level AS level',
      ])
      .where('cu.unit_code IN (:...unitCodes)', { unitCodes })
      .orderBy('cu.level', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .getRawMany<{
        unit: string;
        id: number;
        code: string;
        title: string;
        provider: string;
        level: number;
      }>();
    return rows.map((r) => ({
      unitCode: r.unit,
      id: Number(r.id),
      code: r.code,
      title: r.title,
      providerName: r.provider,
      level: Number(r.level),
    }));
  }
}
