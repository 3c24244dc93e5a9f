import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { authConfig, AuthConfig } from '../../config/configuration';

/** argon2id, 64 MiB and t=3 by default: slow on purpose. */
@Injectable()
export class PasswordHasher {
  constructor(@Inject(authConfig.KEY) private readonly config: AuthConfig) {}

  hash(password: string): Promise<string> {
    return argon2.hash(password, {
      type: argon2.argon2id,
      memoryCost: this.config.passwordHashMemoryKib,
    });
  }

  verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password).catch(() => false);
  }
}
