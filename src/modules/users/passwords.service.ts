import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import { NotFoundException } from '../../common/errors/domain.exception';
import { inTransaction } from '../../common/database/transaction';
import { authConfig, AuthConfig } from '../../config/configuration';
import { AuditAction, AuditService } from '../audit/audit.service';
import { PasswordResetIssuedDto } from './dto/password-reset.dto';
import { PasswordHasher } from './password-hasher';
import { PasswordResetTokensRepository } from './password-reset-tokens.repository';
import { UserAccount } from './users.types';
import { UsersException } from './users.exception';
import { UsersRepository } from './users.repository';
import { passwordWeakness } from './users.rules';

/**
 * Setting passwords: by their owner (the caller checked the current one), and by a one-time
 * set-password token an admin issued. Sessions (refresh tokens) are the auth feature's: it
 * revokes them after these succeed.
 */
@Injectable()
export class PasswordsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly resetTokens: PasswordResetTokensRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {}

  /** Throws weak_password naming `field` when the rule refuses the password for this account. */
  assertStrong(field: string, password: string, account: { email: string; name: string }): void {
    const problems = passwordWeakness(password, [account.email, account.name]);
    if (problems !== null) {
      throw UsersException.weakPassword(field, problems);
    }
  }

  /** The owner's new password; the caller has verified their current one. */
  async change(account: UserAccount, newPassword: string): Promise<void> {
    this.assertStrong('newPassword', newPassword, account);
    const hash = await this.hasher.hash(newPassword);
    await inTransaction(this.dataSource, async (manager) => {
      await this.users.setPasswordHash(account.id, hash, manager);
      await this.audit.recordAccount(
        { actor: account, action: AuditAction.PasswordChange, userId: account.id },
        manager,
      );
    });
  }

  /** A new one-time token for the user (their earlier unused one stops working). */
  async issueReset(userId: number, admin: AuthUser): Promise<PasswordResetIssuedDto> {
    if (!(await this.users.findById(userId))) {
      throw new NotFoundException('user', userId);
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.passwordResetTtlSeconds * 1000);
    await this.resetTokens.replace({
      userId,
      tokenHash: hashToken(token),
      issuedBy: admin.id,
      expiresAt,
    });
    await this.audit.recordAccount({
      actor: admin,
      action: AuditAction.PasswordResetIssue,
      userId,
    });
    return { userId, token, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Sets the password of the token's user and uses the token up. A weak password leaves the
   * token usable, so the user can try another. Returns the account, for revoking its sessions.
   */
  async resetWithToken(token: string, newPassword: string): Promise<UserAccount> {
    const stored = await this.resetTokens.findByHash(hashToken(token));
    if (!stored) {
      throw UsersException.invalidResetToken();
    }
    if (stored.usedAt !== null) {
      throw UsersException.resetTokenUsed();
    }
    if (stored.expiresAt.getTime() <= Date.now()) {
      throw UsersException.resetTokenExpired();
    }
    const account = await this.users.findById(stored.userId);
    if (!account) {
      throw UsersException.invalidResetToken();
    }
    this.assertStrong('newPassword', newPassword, account);
    const hash = await this.hasher.hash(newPassword);
    await inTransaction(this.dataSource, async (manager) => {
      // Of two requests with one token, only one sets a password.
      if (!(await this.resetTokens.consume(stored.id, manager))) {
        throw stored.expiresAt.getTime() <= Date.now()
          ? UsersException.resetTokenExpired()
          : UsersException.resetTokenUsed();
      }
      await this.users.setPasswordHash(account.id, hash, manager);
      await this.audit.recordAccount(
        { actor: account, action: AuditAction.PasswordReset, userId: account.id },
        manager,
      );
    });
    return account;
  }
}

/** The token is 256 random bits: a plain SHA-256 cannot be reversed, no key needed. */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
