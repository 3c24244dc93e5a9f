import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DisplayName } from '../../users/dto/display-name';

export class LoginDto {
  @ApiProperty({ example: 'admin@smklink.local' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken: string;
}

export class TokenPairDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ description: 'Single use: each refresh returns a new one' }) refreshToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
}

export class UpdateMeDto {
  @DisplayName()
  name: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({
    minLength: 10,
    description: 'Refused with weak_password when too easy to guess (zxcvbn score below 3)',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  newPassword: string;

  @ApiPropertyOptional({
    description:
      "The caller's current refresh token: its session stays signed in. Every other session's " +
      'refresh tokens are revoked; without it, all of them are.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken?: string;
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'The set-password token an admin was given' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;

  @ApiProperty({
    minLength: 10,
    description: 'Refused with weak_password when too easy to guess (zxcvbn score below 3)',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  newPassword: string;
}
