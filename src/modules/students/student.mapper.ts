import { StudentListItemDto, StudentResponseDto } from './dto/student.dto';
import { Student } from './student.entity';

export function toListItem(s: Student): StudentListItemDto {
  return {
    id: s.id,
    nisn: s.nisn,
    nikMasked: s.nikMasked,
    name: s.name,
    gender: s.gender,
    schoolId: s.schoolId,
    programCode: s.programCode,
    domicileRegionCode: s.domicileRegionCode,
    enrolmentYear: s.enrolmentYear,
    graduationYear: s.graduationYear,
    status: s.status,
  };
}

/** `nik` is whatever the caller may see: the plain NIK for the owner, the mask otherwise. */
export function toResponse(s: Student, nik: string): StudentResponseDto {
  return {
    ...toListItem(s),
    nik,
    birthDate: s.birthDate,
    parentalConsent: s.parentalConsent,
    phone: s.phone,
    email: s.email,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
