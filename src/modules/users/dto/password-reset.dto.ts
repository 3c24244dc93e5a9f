import { ApiProperty } from '@nestjs/swagger';

/** Shown once, to the admin who asked: hand the token to the user by a channel you trust. */
export class PasswordResetIssuedDto {
  @ApiProperty() userId: number;
  @ApiProperty({
    description:
      'One-time set-password token for POST /api/v1/auth/password/reset; only its hash is kept',
  })
  token: string;
  @ApiProperty() expiresAt: string;
}
