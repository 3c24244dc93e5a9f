import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/pagination/pagination';
import { Course, ProviderType } from '../course.entity';
import type { NamedCourseUnit } from '../courses.service';

export class CourseUnitDto {
  @ApiProperty() unitCode: string;
  @ApiProperty() unitName: string;
  @ApiProperty() level: number;
}

export class CourseResponseDto {
  @ApiProperty() id: number;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ProviderType }) providerType: ProviderType;
  @ApiProperty() providerName: string;
  @ApiProperty({ type: Number, nullable: true }) providerSchoolId: number | null;
  @ApiProperty({ type: Number, nullable: true }) providerCompanyId: number | null;
  @ApiProperty() hours: number;
  @ApiProperty() description: string;
  @ApiProperty({ type: [CourseUnitDto] }) units: CourseUnitDto[];
  @ApiProperty() createdAt: string;

  static from(course: Course, units: NamedCourseUnit[]): CourseResponseDto {
    return {
      id: course.id,
      code: course.code,
      title: course.title,
      providerType: course.providerType,
      providerName: course.providerName,
      providerSchoolId: course.providerSchoolId,
      providerCompanyId: course.providerCompanyId,
      hours: course.hours,
      description: course.description,
      units: units.map((u) => ({
        unitCode: u.unitCode,
        unitName: u.unitName,
        level: u.level,
      })),
      createdAt: course.createdAt.toISOString(),
    };
  }
}

export class CoursePageDto {
  @ApiProperty({ type: [CourseResponseDto] }) items: CourseResponseDto[];
  @ApiProperty() meta: PageMetaDto;
}
