import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { cryptoConfig, CryptoConfig } from '../../config/configuration';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Personal data at rest (the NIK): AES-256-GCM with a random IV per value, stored as
 * base64(iv | tag | ciphertext); plus a keyed hash so equal values can be found without
 * decrypting. Keys never leave src/config.
 */
@Injectable()
export class FieldCipher {
  private readonly key: Buffer;

  constructor(@Inject(cryptoConfig.KEY) config: CryptoConfig) {
    this.key = Buffer.from(config.encryptionKey, 'hex');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  decrypt(stored: string): string {
    const raw = Buffer.from(stored, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }

  /** Deterministic: the same value always gives the same hash (for unique indexes). */
  hash(plain: string): string {
    return createHmac('sha256', this.key).update(plain).digest('hex');
  }
}
