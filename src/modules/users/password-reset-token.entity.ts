import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../database/columns';

/**
 * A one-time set-password token an admin issued for a user. Only the SHA-256 of the token is
 * stored (the token is 256 random bits, so a plain hash suffices); the admin sees it once.
 */
@Entity('password_reset_tokens')
export class PasswordResetToken {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Index('IDX_password_reset_tokens_user')
  @ForeignKey('User', { name: 'FK_password_reset_tokens_user', onDelete: 'CASCADE' })
  @Column({ name: 'user_id', type: 'int', unsigned: true })
  userId: number;

  @Index('UQ_password_reset_tokens_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  /** The admin who issued it (no foreign key: the record outlives them). */
  @Column({ name: 'issued_by', type: 'int', unsigned: true })
  issuedBy: number;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  /** Set when the token set a password, or when a newer token replaced it. */
  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true, default: null })
  usedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
