import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, MoreThan, Repository } from 'typeorm';
import { PasswordResetToken } from './password-reset-token.entity';

/** Every query on the password_reset_tokens table. */
@Injectable()
export class PasswordResetTokensRepository {
  constructor(
    @InjectRepository(PasswordResetToken) private readonly tokens: Repository<PasswordResetToken>,
  ) {}

  /** A new token for the user; their earlier unused ones stop working (one live token each). */
  async replace(
    row: Pick<PasswordResetToken, 'userId' | 'tokenHash' | 'issuedBy' | 'expiresAt'>,
  ): Promise<void> {
    await this.tokens.manager.transaction(async (manager) => {
      const repo = manager.getRepository(PasswordResetToken);
      await repo.update({ userId: row.userId, usedAt: IsNull() }, { usedAt: new Date() });
      await repo.insert({ ...row, usedAt: null });
    });
  }

  findByHash(tokenHash: string): Promise<PasswordResetToken | null> {
    return this.tokens.findOneBy({ tokenHash });
  }

  /** Conditional update: of two requests with the same token, one wins (true). */
  async consume(id: number, manager: EntityManager): Promise<boolean> {
    const now = new Date();
    const result = await manager
      .getRepository(PasswordResetToken)
      .update({ id, usedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
    return result.affected === 1;
  }
}
