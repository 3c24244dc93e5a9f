import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../../common/auth/role.enum';
import { PageMetaDto } from '../../../common/pagination/pagination';
import { User, UserStatus } from '../user.entity';

/** What leaves the server about a user: never the password hash. */
export class UserResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() email: string;
  @ApiProperty({ description: 'Display name' }) name: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ type: Number, nullable: true }) schoolId: number | null;
  @ApiProperty({ type: Number, nullable: true }) companyId: number | null;
  @ApiProperty({ type: Number, nullable: true }) studentId: number | null;
  @ApiProperty({ type: [String] }) regionCodes: string[];
  @ApiProperty({ enum: UserStatus }) status: UserStatus;
  @ApiProperty() createdAt: string;

  static from(user: User): UserResponseDto {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      schoolId: user.schoolId,
      companyId: user.companyId,
      studentId: user.studentId,
      regionCodes: splitCodes(user.regionCodes),
      status: user.status,
      createdAt: user.createdAt.toISOString(),
    };
  }
}

export class UserPageDto {
  @ApiProperty({ type: [UserResponseDto] }) items: UserResponseDto[];
  @ApiProperty() meta: PageMetaDto;
}

export function splitCodes(codes: string): string[] {
  return codes === '' ? [] : codes.split(',');
}
