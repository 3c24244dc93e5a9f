import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, Repository } from 'typeorm';
import { RefreshToken } from './refresh-token.entity';

/** Every query on the refresh_tokens table. */
@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectRepository(RefreshToken) private readonly tokens: Repository<RefreshToken>) {}

  insert(
    row: Pick<RefreshToken, 'userId' | 'familyId' | 'tokenHash' | 'expiresAt'>,
  ): Promise<RefreshToken> {
    return this.tokens.save(this.tokens.create({ ...row, revokedAt: null }));
  }

  findById(id: number): Promise<RefreshToken | null> {
    return this.tokens.findOneBy({ id });
  }

  /** Conditional update: of two concurrent refreshes with the same token, one wins (true). */
  async claim(id: number): Promise<boolean> {
    const claimed = await this.tokens.update(
      { id, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    return claimed.affected === 1;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.tokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Revokes every live refresh token of the user, but those of `keepFamily` when given. */
  async revokeAllOfUser(userId: number, keepFamily?: string): Promise<void> {
    await this.tokens.update(
      {
        userId,
        revokedAt: IsNull(),
        ...(keepFamily === undefined ? {} : { familyId: Not(keepFamily) }),
      },
      { revokedAt: new Date() },
    );
  }
}
