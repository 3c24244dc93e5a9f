import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../database/columns';

/**
 * A refresh token is `<id>.<secret>`; only the SHA-256 of the secret is stored.
 * Tokens of one login share a family: reusing a rotated token revokes the whole family.
 */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Index('IDX_refresh_tokens_user')
  @ForeignKey('User', { name: 'FK_refresh_tokens_user', onDelete: 'CASCADE' })
  @Column({ name: 'user_id', type: 'int', unsigned: true })
  userId: number;

  @Index('IDX_refresh_tokens_family')
  @Column({ name: 'family_id', type: 'char', length: 36 })
  familyId: string;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true, default: null })
  revokedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
