import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Role } from '../../../common/auth/role.enum';
import { PageMetaDto, PageQueryDto } from '../../../common/pagination/pagination';
import type { User } from '../user.entity';

export const SUPERVISOR_ROLES = [Role.Teacher, Role.Mentor] as const;
export type SupervisorRole = (typeof SUPERVISOR_ROLES)[number];

export class ListSupervisorsQuery extends PageQueryDto {
  @ApiProperty({ enum: SUPERVISOR_ROLES })
  @IsIn(SUPERVISOR_ROLES, { message: 'role must be teacher or mentor' })
  role: SupervisorRole;

  @ApiPropertyOptional({ description: 'Part of the name or the email' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

/** A teacher or mentor as a school or company admin picks one: no more than that needs. */
export class SupervisorDto {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'Display name' }) name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: SUPERVISOR_ROLES }) role: SupervisorRole;
  @ApiProperty({ type: Number, nullable: true }) schoolId: number | null;
  @ApiProperty({ type: Number, nullable: true }) companyId: number | null;

  static from(user: User): SupervisorDto {
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role as SupervisorRole,
      schoolId: user.schoolId,
      companyId: user.companyId,
    };
  }
}

export class SupervisorPageDto {
  @ApiProperty({ type: [SupervisorDto] }) items: SupervisorDto[];
  @ApiProperty() meta: PageMetaDto;
}
