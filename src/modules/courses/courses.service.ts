import { Injectable } from '@nestjs/common';
import { containsPattern } from '../../common/database/like';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import {
  FieldProblem,
  NotFoundException,
  ValidationFailedException,
} from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { Company } from '../companies/company.entity';
import { CompetencyUnit } from '../competencies/competency-unit.entity';
import { School } from '../schools/school.entity';
import { CourseUnit } from './course-unit.entity';
import { Course, ProviderType } from './course.entity';
import { CoursesException } from './courses.exception';
import {
  CourseUnitInputDto,
  CreateCourseDto,
  ListCoursesQuery,
  UpdateCourseDto,
} from './dto/course.dto';

export interface CourseWithUnits {
  course: Course;
  units: CourseUnit[];
}

@Injectable()
export class CoursesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Course) private readonly courses: Repository<Course>,
    @InjectRepository(CourseUnit) private readonly courseUnits: Repository<CourseUnit>,
  ) {}

  async create(dto: CreateCourseDto): Promise<CourseWithUnits> {
    const providerName = await this.resolveProvider(dto);
    await this.assertUnits(dto.units);
    if (await this.courses.existsBy({ code: dto.code })) {
      throw CoursesException.codeTaken(dto.code);
    }
    const id = await this.dataSource
      .transaction(async (manager) => {
        const saved = await manager.getRepository(Course).save({
          code: dto.code,
          title: dto.title,
          providerType: dto.providerType,
          providerName,
          providerSchoolId: dto.providerSchoolId ?? null,
          providerCompanyId: dto.providerCompanyId ?? null,
          hours: dto.hours,
          description: dto.description ?? '',
        });
        await this.writeUnits(manager, saved.id, dto.units);
        return saved.id;
      })
      .catch((error: { driverError?: { code?: string } }) => {
        // Two creations of the same code racing past the check above.
        if (error.driverError?.code === 'ER_DUP_ENTRY') {
          throw CoursesException.codeTaken(dto.code);
        }
        throw error;
      });
    return this.get(id);
  }

  async update(id: number, dto: UpdateCourseDto): Promise<CourseWithUnits> {
    await this.getCourse(id);
    if (dto.units) {
      await this.assertUnits(dto.units);
    }
    await this.dataSource.transaction(async (manager) => {
      const changes: Partial<Course> = {};
      if (dto.title !== undefined) {
        changes.title = dto.title;
      }
      if (dto.hours !== undefined) {
        changes.hours = dto.hours;
      }
      if (dto.description !== undefined) {
        changes.description = dto.description;
      }
      if (Object.keys(changes).length > 0) {
        await manager.getRepository(Course).update({ id }, changes);
      }
      if (dto.units) {
        // Awards already made keep the levels they were made at (cohort_awards); only
        // cohorts completed from now on award the new list.
        await manager.getRepository(CourseUnit).delete({ courseId: id });
        await this.writeUnits(manager, id, dto.units);
      }
    });
    return this.get(id);
  }

  async list(query: ListCoursesQuery): Promise<Page<CourseWithUnits>> {
    const qb = this.courses.createQueryBuilder('c').orderBy('c.id', 'ASC');
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
    const [courses, total] = await qb.skip(query.skip).take(query.pageSize).getManyAndCount();
    const units = await this.unitsOf(courses.map((c) => c.id));
    return toPage(
      courses.map((course) => ({ course, units: units.filter((u) => u.courseId === course.id) })),
      total,
      query,
    );
  }

  async get(id: number): Promise<CourseWithUnits> {
    const course = await this.getCourse(id);
    return { course, units: await this.unitsOf([id]) };
  }

  async getCourse(id: number): Promise<Course> {
    const course = await this.courses.findOneBy({ id });
    if (!course) {
      throw new NotFoundException('course', id);
    }
    return course;
  }

  private async unitsOf(courseIds: number[]): Promise<CourseUnit[]> {
    if (courseIds.length === 0) {
      return [];
    }
    return this.courseUnits.find({
      where: { courseId: In(courseIds) },
      relations: { unit: true },
      order: { courseId: 'ASC', unitCode: 'ASC' },
    });
  }

  private async writeUnits(
    manager: EntityManager,
    courseId: number,
    units: CourseUnitInputDto[],
  ): Promise<void> {
    await manager
      .getRepository(CourseUnit)
      .insert(units.map((u) => ({ courseId, unitCode: u.unitCode, level: u.level })));
  }

  /** Checks the provider fields fit the provider type; returns the name to store. */
  private async resolveProvider(dto: CreateCourseDto): Promise<string> {
    const problems: FieldProblem[] = [];
    const notAllowed = (field: string): void => {
      problems.push({
        field,
        problems: [`is not allowed for the provider type ${dto.providerType}`],
      });
    };
    let name = dto.providerName;
    switch (dto.providerType) {
      case ProviderType.School: {
        if (dto.providerCompanyId !== undefined) {
          notAllowed('providerCompanyId');
        }
        if (dto.providerSchoolId === undefined) {
          problems.push({
            field: 'providerSchoolId',
            problems: ['is required for a school provider'],
          });
          break;
        }
        const school = await this.dataSource
          .getRepository(School)
          .findOneBy({ id: dto.providerSchoolId });
        if (!school) {
          problems.push({ field: 'providerSchoolId', problems: ['is not a known school'] });
        }
        name ??= school?.name;
        break;
      }
      case ProviderType.Company: {
        if (dto.providerSchoolId !== undefined) {
          notAllowed('providerSchoolId');
        }
        if (dto.providerCompanyId !== undefined) {
          const company = await this.dataSource
            .getRepository(Company)
            .findOneBy({ id: dto.providerCompanyId });
          if (!company) {
            problems.push({ field: 'providerCompanyId', problems: ['is not a known company'] });
          }
          name ??= company?.name;
        }
        break;
      }
      case ProviderType.TrainingCentre:
        if (dto.providerSchoolId !== undefined) {
          notAllowed('providerSchoolId');
        }
        if (dto.providerCompanyId !== undefined) {
          notAllowed('providerCompanyId');
        }
        break;
    }
    if (name === undefined && problems.length === 0) {
      problems.push({
        field: 'providerName',
        problems: [`is required for a ${dto.providerType} provider`],
      });
    }
    if (problems.length > 0) {
      throw new ValidationFailedException(problems);
    }
    return name as string;
  }

  private async assertUnits(units: CourseUnitInputDto[]): Promise<void> {
    const codes = units.map((u) => u.unitCode);
    const distinct = [...new Set(codes)];
    if (distinct.length !== codes.length) {
      throw ValidationFailedException.field('units', 'lists a unit more than once');
    }
    const known = await this.dataSource
      .getRepository(CompetencyUnit)
      .find({ select: { code: true }, where: { code: In(distinct) } });
    const unknown = distinct.filter((c) => !known.some((k) => k.code === c));
    if (unknown.length > 0) {
      throw ValidationFailedException.field(
        'units',
        `unknown competency units: ${unknown.join(', ')}`,
      );
    }
  }
}
