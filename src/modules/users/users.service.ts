import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
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
import { Company } from '../companies/company.entity';
import { Region } from '../regions/region.entity';
import { School } from '../schools/school.entity';
import { Student } from '../students/student.entity';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { splitCodes } from './dto/user-response.dto';
import { PasswordHasher } from './password-hasher';
import { User, UserStatus } from './user.entity';
import { UsersException } from './users.exception';

/** Which scope field each role must carry, and which it must not. */
const SCOPE_BY_ROLE: Record<Role, 'schoolId' | 'companyId' | 'studentId' | null> = {
  [Role.Admin]: null,
  [Role.Coordinator]: null,
  [Role.SchoolAdmin]: 'schoolId',
  [Role.CompanyAdmin]: 'companyId',
  [Role.Student]: 'studentId',
};
const SCOPE_FIELDS = ['schoolId', 'companyId', 'studentId'] as const;

@Injectable()
export class UsersService extends ActiveUserLookup implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Region) private readonly regions: Repository<Region>,
    private readonly hasher: PasswordHasher,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {
    super();
  }

  /** The bootstrap admin from config, created on first start only if no admin exists. */
  async onApplicationBootstrap(): Promise<void> {
    const admins = await this.users.count({ where: { role: Role.Admin } });
    if (admins > 0) {
      return;
    }
    await this.users
      .insert({
        email: this.auth.adminEmail.toLowerCase(),
        passwordHash: await this.hasher.hash(this.auth.adminPassword),
        role: Role.Admin,
      })
      // Two processes starting together (API + worker) race here; the unique email settles it.
      .catch((error: { driverError?: { code?: string } }) => {
        if (error.driverError?.code !== 'ER_DUP_ENTRY') {
          throw error;
        }
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
      const known = await this.regions.countBy({ code: In(regionCodes) });
      if (known !== regionCodes.length) {
        problems.push({ field: 'regionCodes', problems: ['contains an unknown region'] });
      }
    }
    const scopeTables = { schoolId: School, companyId: Company, studentId: Student } as const;
    for (const field of SCOPE_FIELDS) {
      const id = dto[field];
      if (
        id !== undefined &&
        !(await this.users.manager.getRepository(scopeTables[field]).existsBy({ id }))
      ) {
        problems.push({ field, problems: [`no ${field.replace('Id', '')} has id ${id}`] });
      }
    }
    if (problems.length > 0) {
      throw new ValidationFailedException(problems);
    }
    const email = dto.email.toLowerCase();
    if (await this.users.existsBy({ email })) {
      throw UsersException.emailTaken(email);
    }
    const user = this.users.create({
      email,
      passwordHash: await this.hasher.hash(dto.password),
      role: dto.role,
      schoolId: dto.schoolId ?? null,
      companyId: dto.companyId ?? null,
      studentId: dto.studentId ?? null,
      regionCodes: regionCodes.join(','),
    });
    return this.users.save(user);
  }

  async list(query: ListUsersQuery): Promise<Page<User>> {
    const [items, total] = await this.users.findAndCount({
      where: { role: query.role, status: query.status },
      order: { id: 'ASC' },
      skip: query.skip,
      take: query.pageSize,
    });
    return toPage(items, total, query);
  }

  async get(id: number): Promise<User> {
    const user = await this.users.findOneBy({ id });
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
    await this.users.update({ id }, { status: UserStatus.Disabled });
    return this.get(id);
  }

  findById(id: number): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.toLowerCase() });
  }

  async findActive(userId: number): Promise<AuthUser | null> {
    const user = await this.users.findOneBy({ id: userId, status: UserStatus.Active });
    return user ? toAuthUser(user) : null;
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
