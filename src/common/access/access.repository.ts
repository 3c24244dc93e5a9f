import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { NotFoundException } from '../errors/domain.exception';
import { Action, policyOf, Resource, scopeCondition } from './access-policy';

/**
 * The one check of a single row against the access policy: the row must exist and lie within
 * the user's scope for `action`, else the resource's 404. Writes call it before they write.
 */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async assertInScope(
    user: AuthUser,
    resource: Resource,
    id: number | string,
    action: Action = Action.Read,
    manager: EntityManager = this.dataSource.manager,
    entityName: string = resource,
  ): Promise<void> {
    if (!(await this.inScope(user, resource, id, action, manager))) {
      throw new NotFoundException(entityName, id);
    }
  }

  async inScope(
    user: AuthUser,
    resource: Resource,
    id: number | string,
    action: Action = Action.Read,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const policy = policyOf(resource);
    if (policy.table === null) {
      throw new Error(`access: ${resource} has no rows of its own to check`);
    }
    const qb = manager
      .createQueryBuilder()
      .select('1', 'hit')
      .from(policy.table, 'a')
      .where(`a.${policy.key ?? 'id'} = :accessId`, { accessId: id });
    const condition = scopeCondition(user, resource, 'a', action);
    if (condition) {
      qb.andWhere(condition.sql, condition.params);
    }
    return (await qb.limit(1).getRawOne()) !== undefined;
  }
}
