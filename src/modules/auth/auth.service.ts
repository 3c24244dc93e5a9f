import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { AccessTokenPayload, AuthUser } from '../../common/auth/auth-user';
import { authConfig, AuthConfig } from '../../config/configuration';
import { PasswordHasher } from '../users/password-hasher';
import { PasswordsService } from '../users/passwords.service';
import { UsersService } from '../users/users.service';
import { UserAccount, UserStatus } from '../users/users.types';
import { AuthException } from './auth.exception';
import { ChangePasswordDto, ResetPasswordDto, TokenPairDto } from './dto/auth.dto';
import { LoginThrottle } from './login-throttle';
import type { RefreshToken } from './refresh-token.entity';
import { RefreshTokensRepository } from './refresh-tokens.repository';

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so both paths take the same time. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordsService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly jwt: JwtService,
    private readonly tokens: RefreshTokensRepository,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {}

  async login(email: string, password: string): Promise<TokenPairDto> {
    await this.throttle.assertAllowed(email);
    const user = await this.users.findByEmail(email);
    this.dummyHash ??= this.hasher.hash(randomUUID());
    const valid = await this.hasher.verify(user?.passwordHash ?? (await this.dummyHash), password);
    if (!user || !valid || user.status !== UserStatus.Active) {
      await this.throttle.recordFailure(email);
      throw AuthException.invalidCredentials();
    }
    await this.throttle.reset(email);
    return this.issue(user, randomUUID());
  }

  /** Rotation: a refresh token works once. Presenting a used one revokes its whole family. */
  async refresh(presented: string): Promise<TokenPairDto> {
    const stored = await this.findPresented(presented);
    if (!stored) {
      throw AuthException.invalidRefreshToken();
    }
    if (stored.revokedAt !== null) {
      await this.revokeFamily(stored.familyId);
      throw AuthException.invalidRefreshToken();
    }
    // Conditional update: of two concurrent refreshes with the same token, one wins.
    const claimed = await this.tokens.claim(stored.id);
    if (!claimed || stored.expiresAt.getTime() <= Date.now()) {
      throw AuthException.invalidRefreshToken();
    }
    const user = await this.users.findById(stored.userId);
    if (!user || user.status !== UserStatus.Active) {
      throw AuthException.invalidRefreshToken();
    }
    return this.issue(user, stored.familyId);
  }

  async logout(presented: string): Promise<void> {
    const stored = await this.findPresented(presented);
    if (stored) {
      await this.revokeFamily(stored.familyId);
    }
  }

  /**
   * Changes the caller's own password. A wrong current password counts as a failed login for
   * the account's email (the same limit, the same 429). On success every refresh token of the
   * user is revoked except those of the session `dto.refreshToken` names (when it is the
   * caller's and still live); access tokens already issued run out on their own (15 min).
   */
  async changePassword(caller: AuthUser, dto: ChangePasswordDto): Promise<void> {
    const account = await this.users.get(caller.id);
    await this.throttle.assertAllowed(account.email);
    if (!(await this.hasher.verify(account.passwordHash, dto.currentPassword))) {
      await this.throttle.recordFailure(account.email);
      throw AuthException.wrongCurrentPassword();
    }
    await this.passwords.change(account, dto.newPassword);
    await this.throttle.reset(account.email);
    const kept = dto.refreshToken === undefined ? null : await this.findPresented(dto.refreshToken);
    const keep =
      kept && kept.userId === account.id && kept.revokedAt === null && kept.expiresAt > new Date()
        ? kept.familyId
        : undefined;
    await this.tokens.revokeAllOfUser(account.id, keep);
  }

  /** Sets a password with an admin's one-time token; every session of the user ends. */
  async resetPassword(dto: ResetPasswordDto): Promise<void> {
    const account = await this.passwords.resetWithToken(dto.token, dto.newPassword);
    await this.tokens.revokeAllOfUser(account.id);
    // A user locked out by failed logins may sign in with the new password at once.
    await this.throttle.reset(account.email);
  }

  private async issue(user: UserAccount, familyId: string): Promise<TokenPairDto> {
    const payload: AccessTokenPayload = {
      sub: user.id,
      role: user.role,
      schoolId: user.schoolId,
      companyId: user.companyId,
      studentId: user.studentId,
    };
    const accessToken = await this.jwt.signAsync(payload);
    const secret = randomBytes(32).toString('base64url');
    const row = await this.tokens.insert({
      userId: user.id,
      familyId,
      tokenHash: this.hashSecret(secret),
      expiresAt: new Date(Date.now() + this.config.refreshTtlSeconds * 1000),
    });
    return {
      accessToken,
      expiresIn: this.config.accessTtlSeconds,
      refreshToken: `${row.id}.${secret}`,
      tokenType: 'Bearer',
    };
  }

  private async findPresented(presented: string): Promise<RefreshToken | null> {
    const match = /^(\d{1,10})\.([A-Za-z0-9_-]{43})$/.exec(presented);
    if (!match) {
      return null;
    }
    const stored = await this.tokens.findById(Number(match[1]));
    if (!stored) {
      return null;
    }
    const expected = Buffer.from(stored.tokenHash, 'hex');
    const actual = Buffer.from(this.hashSecret(match[2]), 'hex');
    return timingSafeEqual(expected, actual) ? stored : null;
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.tokens.revokeFamily(familyId);
  }

  /** Keyed hash: a leaked table alone cannot be turned back into usable tokens. */
  private hashSecret(secret: string): string {
    return createHmac('sha256', this.config.refreshSecret).update(secret).digest('hex');
  }
}
