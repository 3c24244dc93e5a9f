import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ActiveUserLookup } from '../../common/auth/active-user-lookup';
import { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role.enum';
import {
  FieldProblem,
  NotFoundException,
  ValidationFailedException,
} from '../../common/errors/domain.exception';
import { Page, toPage } from '../../common/pagination/pagination';
import { authConfig, AuthConfig } from '../../config/configuration';
import { CompaniesService } from '../companies/companies.service';
import { RegionsService } from '../regions/regions.service';
import { SchoolsService } from '../schools/schools.service';
import { StudentsService } from '../students/students.service';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import type { ListSupervisorsQuery } from './dto/supervisors.dto';
import { splitCodes } from './dto/user-response.dto';
import { PasswordHasher } from './password-hasher';
import { PasswordsService } from './passwords.service';
import { User, UserStatus } from './user.entity';
import { UsersException } from './users.exception';
import { UsersRepository } from './users.repository';

/** Which scope field each role must carry, and which it must not. */
const SCOPE_BY_ROLE: Record<Role, 'schoolId' | 'companyId' | 'studentId' | null> = {
  [Role.Admin]: null,
  [Role.Coordinator]: null,
  [Role.SchoolAdmin]: 'schoolId',
  [Role.CompanyAdmin]: 'companyId',
  [Role.Student]: 'studentId',
  [Role.Teacher]: 'schoolId',
  [Role.Mentor]: 'companyId',
};
const SCOPE_FIELDS = ['schoolId', 'companyId', 'studentId'] as const;

@Injectable()
export class UsersService extends ActiveUserLookup implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly regions: RegionsService,
    private readonly schools: SchoolsService,
    private readonly companies: CompaniesService,
    private readonly students: StudentsService,
    private readonly hasher: PasswordHasher,
    private readonly passwords: PasswordsService,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {
    super();
  }

  /**
   * The bootstrap admin from config, created on first start only if no admin exists. Its
   * password is taken as configured (not held to the strength rule): whoever sets the
   * environment chose it, and should change it after the first sign-in.
   */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.countAdmins()) > 0) {
      return;
    }
    // Two processes starting together (API + worker) race here; the unique email settles it.
    const email = this.auth.adminEmail.toLowerCase();
    await this.users.insertUnlessEmailTaken({
      email,
      name: email.split('@')[0].slice(0, 100),
      passwordHash: await this.hasher.hash(this.auth.adminPassword),
      role: Role.Admin,
    });
    this.logger.log(`Bootstrap admin ${this.auth.adminEmail} created`);
  }

  async create(dto: CreateUserDto): Promise<User> {
    const problems: FieldProblem[] = [];
    const scopeField = SCOPE_BY_ROLE[dto.role];
    for (const field of SCOPE_FIELDS) {
      if (field === scopeField && dto[field] === undefined) {
        problems.push({ field, problems: [`is required for the role ${dto.role}`] });
      }
      if (field !== scopeField && dto[field] !== undefined) {
        problems.push({ field, problems: [`is not allowed for the role ${dto.role}`] });
      }
    }
    const regionCodes = [...new Set(dto.regionCodes ?? [])];
    if (regionCodes.length > 0 && dto.role !== Role.Coordinator) {
      problems.push({ field: 'regionCodes', problems: ['is only for coordinators'] });
    } else if (regionCodes.length > 0) {
      const known = await this.regions.knownCodes(regionCodes);
      if (known.length !== regionCodes.length) {
        problems.push({ field: 'regionCodes', problems: ['contains an unknown region'] });
      }
    }
    for (const field of SCOPE_FIELDS) {
      const id = dto[field];
      if (id !== undefined && !(await this.scopeTargetExists(field, id))) {
        problems.push({ field, problems: [`no ${field.replace('Id', '')} has id ${id}`] });
      }
    }
    if (problems.length > 0) {
      throw new ValidationFailedException(problems);
    }
    const email = dto.email.toLowerCase();
    this.passwords.assertStrong('password', dto.password, { email, name: dto.name });
    if (await this.users.emailTaken(email)) {
      throw UsersException.emailTaken(email);
    }
    return this.users.save({
      email,
      name: dto.name,
      passwordHash: await this.hasher.hash(dto.password),
      role: dto.role,
      schoolId: dto.schoolId ?? null,
      companyId: dto.companyId ?? null,
      studentId: dto.studentId ?? null,
      regionCodes: regionCodes.join(','),
    });
  }

  /** The school, company or student a new user is tied to, asked of its owner. */
  private async scopeTargetExists(
    field: (typeof SCOPE_FIELDS)[number],
    id: number,
  ): Promise<boolean> {
    switch (field) {
      case 'schoolId':
        return (await this.schools.findSummary(id)) !== null;
      case 'companyId':
        return (await this.companies.findSummaries([id])).length > 0;
      case 'studentId':
        return (await this.students.findByIds([id])).length > 0;
    }
  }

  async list(query: ListUsersQuery): Promise<Page<User>> {
    const [items, total] = await this.users.page(query);
    return toPage(items, total, query);
  }

  /** The teachers or mentors the caller may assign to a placement (the policy's `supervisor`). */
  async supervisors(user: AuthUser, query: ListSupervisorsQuery): Promise<Page<User>> {
    const [items, total] = await this.users.supervisorsPage(user, query);
    return toPage(items, total, query);
  }

  async get(id: number): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) {
      throw new NotFoundException('user', id);
    }
    return user;
  }

  /** Disabling takes effect at once: the auth guard re-reads the status on every request. */
  async disable(id: number, actor: AuthUser): Promise<User> {
    const user = await this.get(id);
    if (user.id === actor.id) {
      throw UsersException.cannotDisableSelf();
    }
    await this.users.setStatus(id, UserStatus.Disabled);
    return this.get(id);
  }

  /** The signed-in user's own display name. */
  async rename(id: number, name: string): Promise<User> {
    await this.get(id);
    await this.users.setName(id, name);
    return this.get(id);
  }

  /** Display names by user id, for other features' lists (audit, rounds); unknown ids absent. */
  namesOf(ids: number[]): Promise<Map<number, string>> {
    return this.users.namesOf(ids);
  }

  findById(id: number): Promise<User | null> {
    return this.users.findById(id);
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findByEmail(email.toLowerCase());
  }

  async findActive(userId: number): Promise<AuthUser | null> {
    const user = await this.users.findActive(userId);
    return user ? toAuthUser(user) : null;
  }

  /** An active coordinator, as the sign-in would see them; null when not one. */
  async findActiveCoordinator(userId: number, manager?: EntityManager): Promise<AuthUser | null> {
    const user = await this.users.findActive(userId, Role.Coordinator, manager);
    return user ? toAuthUser(user) : null;
  }

  roleOf(userId: number, manager?: EntityManager): Promise<Role | null> {
    return this.users.roleOf(userId, manager);
  }
}

export function toAuthUser(user: User): AuthUser {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    schoolId: user.schoolId,
    companyId: user.companyId,
    studentId: user.studentId,
    regionCodes: splitCodes(user.regionCodes),
  };
}
