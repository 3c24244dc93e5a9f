import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Action, scopeList } from '../../common/access/access-policy';
import type { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role.enum';
import { containsPattern } from '../../common/database/like';
import type { ListUsersQuery } from './dto/list-users.query';
import type { ListSupervisorsQuery } from './dto/supervisors.dto';
import { User, UserStatus } from './user.entity';

/** Every query on the users table. */
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  countAdmins(): Promise<number> {
    return this.users.count({ where: { role: Role.Admin } });
  }

  /** Inserts the row; false when the email is taken (a race both sides checked). */
  async insertUnlessEmailTaken(row: Partial<User>): Promise<boolean> {
    try {
      await this.users.insert(row);
      return true;
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === 'ER_DUP_ENTRY') {
        return false;
      }
      throw error;
    }
  }

  emailTaken(email: string): Promise<boolean> {
    return this.users.existsBy({ email });
  }

  save(row: Partial<User>): Promise<User> {
    return this.users.save(this.users.create(row));
  }

  page(query: ListUsersQuery): Promise<[User[], number]> {
    return this.users.findAndCount({
      where: { role: query.role, status: query.status },
      order: { id: 'ASC' },
      skip: query.skip,
      take: query.pageSize,
    });
  }

  /** Active teachers or mentors the caller may pick (a school admin: their school's), by name. */
  supervisorsPage(user: AuthUser, query: ListSupervisorsQuery): Promise<[User[], number]> {
    const qb = this.users.createQueryBuilder('u').where('u.role = :role AND u.status = :active', {
      role: query.role,
      active: UserStatus.Active,
    });
    scopeList(qb, user, 'supervisor', 'u', Action.List);
    if (query.search) {
      qb.andWhere('(u.name LIKE :search OR u.email LIKE :search)', {
        search: containsPattern(query.search),
      });
    }
    return qb
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .skip(query.skip)
      .take(query.pageSize)
      .getManyAndCount();
  }

  findById(id: number): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email });
  }

  findActive(id: number, role?: Role, manager?: EntityManager): Promise<User | null> {
    return (manager?.getRepository(User) ?? this.users).findOneBy({
      id,
      status: UserStatus.Active,
      ...(role === undefined ? {} : { role }),
    });
  }

  async roleOf(id: number, manager?: EntityManager): Promise<Role | null> {
    const user = await (manager?.getRepository(User) ?? this.users).findOne({
      select: { id: true, role: true },
      where: { id },
    });
    return user?.role ?? null;
  }

  async setStatus(id: number, status: UserStatus): Promise<void> {
    await this.users.update({ id }, { status });
  }

  async setName(id: number, name: string): Promise<void> {
    await this.users.update({ id }, { name });
  }

  async setPasswordHash(id: number, passwordHash: string, manager?: EntityManager): Promise<void> {
    await (manager?.getRepository(User) ?? this.users).update({ id }, { passwordHash });
  }

  async namesOf(ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) {
      return new Map();
    }
    const rows = await this.users.find({
      select: { id: true, name: true },
      where: { id: In(unique) },
    });
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
