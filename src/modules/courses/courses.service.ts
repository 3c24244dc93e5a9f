import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  FieldProblem,
  NotFoundException,
  ValidationFailedException,
} from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { CompaniesService } from '../companies/companies.service';
import { CompetenciesService } from '../competencies/competencies.service';
import { SchoolsService } from '../schools/schools.service';
import { CourseUnit } from './course-unit.entity';
import { Course, ProviderType } from './course.entity';
import { CoursesException } from './courses.exception';
import { CourseChanges, CoursesRepository } from './courses.repository';
import type { CourseTeaching, CourseUnitLevel } from './courses.types';
import {
  CourseUnitInputDto,
  CreateCourseDto,
  ListCoursesQuery,
  UpdateCourseDto,
} from './dto/course.dto';

/** A unit a course teaches, with the unit's name from the catalogue. */
export interface NamedCourseUnit extends CourseUnitLevel {
  courseId: number;
  unitName: string;
}

export interface CourseWithUnits {
  course: Course;
  units: NamedCourseUnit[];
}

@Injectable()
export class CoursesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly courses: CoursesRepository,
    private readonly schools: SchoolsService,
    private readonly companies: CompaniesService,
    private readonly competencies: CompetenciesService,
  ) {}

  async create(dto: CreateCourseDto): Promise<CourseWithUnits> {
    const providerName = await this.resolveProvider(dto);
    await this.assertUnits(dto.units);
    if (await this.courses.codeTaken(dto.code)) {
      throw CoursesException.codeTaken(dto.code);
    }
    const id = await this.dataSource
      .transaction(async (manager) => {
        const courseId = await this.courses.insert(
          {
            code: dto.code,
            title: dto.title,
            providerType: dto.providerType,
            providerName,
            providerSchoolId: dto.providerSchoolId ?? null,
            providerCompanyId: dto.providerCompanyId ?? null,
            hours: dto.hours,
            description: dto.description ?? '',
          },
          manager,
        );
        await this.courses.insertUnits(courseId, dto.units, manager);
        return courseId;
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
      const changes: CourseChanges = {};
      if (dto.title !== undefined) {
        changes.title = dto.title;
      }
      if (dto.hours !== undefined) {
        changes.hours = dto.hours;
      }
      if (dto.description !== undefined) {
        changes.description = dto.description;
      }
      await this.courses.update(id, changes, manager);
      if (dto.units) {
        // Awards already made keep the levels they were made at (cohort_awards); only
        // cohorts completed from now on award the new list.
        await this.courses.replaceUnits(id, dto.units, manager);
      }
    });
    return this.get(id);
  }

  async list(query: ListCoursesQuery): Promise<Page<CourseWithUnits>> {
    const [courses, total] = await this.courses.page(query);
    const units = await this.namedUnitsOf(courses.map((c) => c.id));
    return toPage(
      courses.map((course) => ({ course, units: units.filter((u) => u.courseId === course.id) })),
      total,
      query,
    );
  }

  async get(id: number): Promise<CourseWithUnits> {
    const course = await this.getCourse(id);
    return { course, units: await this.namedUnitsOf([id]) };
  }

  async getCourse(id: number): Promise<Course> {
    const course = await this.courses.findById(id);
    if (!course) {
      throw new NotFoundException('course', id);
    }
    return course;
  }

  // Reads for other features.

  exists(id: number): Promise<boolean> {
    return this.courses.exists(id);
  }

  /** Id, code and title of these courses (unknown ids are left out). */
  async findSummaries(ids: readonly number[]): Promise<Pick<Course, 'id' | 'code' | 'title'>[]> {
    return (await this.courses.findByIds(ids)).map(({ id, code, title }) => ({ id, code, title }));
  }

  /** The units a course teaches and the level each reaches. */
  async unitLevels(courseId: number, manager?: EntityManager): Promise<CourseUnitLevel[]> {
    return (await this.courses.unitsOf([courseId], manager)).map(({ unitCode, level }) => ({
      unitCode,
      level,
    }));
  }

  /** The courses teaching any of these units, highest level first. */
  teaching(unitCodes: readonly string[]): Promise<CourseTeaching[]> {
    return this.courses.teaching(unitCodes);
  }

  private async namedUnitsOf(courseIds: number[]): Promise<NamedCourseUnit[]> {
    const units: CourseUnit[] = await this.courses.unitsOf(courseIds);
    const names = new Map(
      (await this.competencies.findUnits([...new Set(units.map((u) => u.unitCode))])).map((u) => [
        u.code,
        u.name,
      ]),
    );
    return units.map((u) => ({
      courseId: u.courseId,
      unitCode: u.unitCode,
      level: u.level,
      unitName: names.get(u.unitCode) ?? '',
    }));
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
        const school = await this.schools.findSummary(dto.providerSchoolId);
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
          const [company] = await this.companies.findSummaries([dto.providerCompanyId]);
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
    const known = await this.competencies.findUnits(distinct);
    const unknown = distinct.filter((c) => !known.some((k) => k.code === c));
    if (unknown.length > 0) {
      throw ValidationFailedException.field(
        'units',
        `unknown competency units: ${unknown.join(', ')}`,
      );
    }
  }
}
