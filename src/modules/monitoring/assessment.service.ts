import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Action } from '../../common/access/access-policy';
import { AuthUser } from '../../common/auth/auth-user';
import { inTransaction } from '../../common/database/transaction';
import { NotFoundException, ValidationFailedException } from '../../common/errors/domain.exception';
import { storageConfig, StorageConfig } from '../../config/configuration';
import { CompaniesService } from '../companies/companies.service';
import { CompetenciesService } from '../competencies/competencies.service';
import { CompetencySource } from '../competencies/competencies.types';
import { PlacementsService } from '../placements/placements.service';
import { PlacementSummary } from '../placements/placements.types';
import { SchoolsService } from '../schools/schools.service';
import { SlotsService } from '../slots/slots.service';
import { StudentsService } from '../students/students.service';
import { renderCertificatePdf } from './certificate-pdf';
import {
  AssessmentDto,
  AssessmentResultDto,
  CertificateDto,
  PlacementUnitDto,
  VerificationDto,
} from './dto/monitoring.dto';
import { MonitoredPlacements } from './monitored-placements';
import { Certificate } from './monitoring.entities';
import { MonitoringException } from './monitoring.exception';
import { MonitoringRepository } from './monitoring.repository';
import { assessmentProblems, localToday, mayComplete, verificationCode } from './monitoring.rules';
import { CertificateContent } from './monitoring.types';

/** The mentor's final assessment, the completion it makes, and the certificate it issues. */
@Injectable()
export class AssessmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(storageConfig.KEY) private readonly storage: StorageConfig,
    private readonly repo: MonitoringRepository,
    private readonly placements: MonitoredPlacements,
    private readonly placementsService: PlacementsService,
    private readonly slots: SlotsService,
    private readonly students: StudentsService,
    private readonly schools: SchoolsService,
    private readonly companies: CompaniesService,
    private readonly competencies: CompetenciesService,
  ) {}

  /**
   * Completes the placement with its assessment, in one transaction: the placement completed
   * (its seat freed, its event written), the assessment stored, the units reached raised in
   * the student's competencies (a higher level held is kept) and the certificate issued. A
   * repeat, once the certificate exists, changes nothing and answers the same result.
   */
  async complete(
    user: AuthUser,
    placementId: number,
    dto: AssessmentDto,
  ): Promise<AssessmentResultDto> {
    await this.placements.get(user, 'assessment', placementId, Action.Act);
    await inTransaction(this.dataSource, async (manager) => {
      const placement = await this.placementsService.lockSummary(placementId, manager);
      if (await this.repo.findCertificate(placementId, manager)) {
        return;
      }
      if (!mayComplete(placement.status)) {
        throw MonitoringException.placementNotActive(placementId, placement.status);
      }
      const slotUnits = (await this.slots.findRequirements([placement.slotId], manager)).map(
        (r) => r.unit,
      );
      const problems = assessmentProblems(slotUnits, dto.units);
      if (problems.length > 0) {
        throw new ValidationFailedException([
          { field: 'units', problems: problems.map((p) => p.problem) },
        ]);
      }
      await this.placementsService.completeIn(placementId, dto.notes ?? null, manager);
      await this.repo.insertAssessment(
        manager,
        {
          placementId,
          assessedBy: user.id,
          discipline: dto.attitudes.discipline,
          teamwork: dto.attitudes.teamwork,
          initiative: dto.attitudes.initiative,
          communication: dto.attitudes.communication,
          notes: dto.notes ?? null,
        },
        dto.units.map((u) => ({ placementId, unitCode: u.unitCode, level: u.level })),
      );
      const today = localToday();
      await this.competencies.raiseLevels(
        dto.units.map((u) => ({
          studentId: placement.studentId,
          unitCode: u.unitCode,
          level: u.level,
          source: CompetencySource.Apprenticeship,
          evidenceRef: `placement:${placementId}`,
          achievedOn: today,
        })),
        manager,
      );
      await this.repo.insertCertificate(manager, {
        placementId,
        code: verificationCode(randomBytes(16)),
        content: JSON.stringify(await this.certificateContent(placement, dto, manager)),
        issuedAt: new Date(),
      });
    });
    return this.result(placementId);
  }

  async get(user: AuthUser, placementId: number): Promise<AssessmentResultDto> {
    await this.placements.get(user, 'assessment', placementId, Action.Read);
    return this.result(placementId);
  }

  /**
   * The slot's units of the placement, with their names: what the journal may name as practised
   * and what the final assessment scores. Its readers may not read the slot itself (a student's
   * slot once closed, a mentor never), so the placement answers for it.
   */
  async units(user: AuthUser, placementId: number): Promise<PlacementUnitDto[]> {
    const placement = await this.placements.get(user, 'assessment', placementId, Action.Read);
    const requirements = await this.slots.findRequirements([placement.slotId]);
    const names = new Map(
      (await this.competencies.findUnits(requirements.map((r) => r.unit))).map((u) => [
        u.code,
        u.name,
      ]),
    );
    return requirements.map((r) => ({
      code: r.unit,
      name: names.get(r.unit) ?? r.unit,
      minLevel: r.minLevel,
    }));
  }

  async certificate(user: AuthUser, placementId: number): Promise<CertificateDto> {
    await this.placements.get(user, 'assessment', placementId, Action.Read);
    return toCertificateDto(await this.foundCertificate(placementId));
  }

  async certificatePdf(user: AuthUser, placementId: number): Promise<Buffer> {
    await this.placements.get(user, 'assessment', placementId, Action.Read);
    const certificate = await this.foundCertificate(placementId);
    return renderCertificatePdf(
      JSON.parse(certificate.content) as CertificateContent,
      certificate.code,
      this.verifyUrl(certificate.code),
      certificate.issuedAt.toISOString().slice(0, 10),
    );
  }

  /** The public check: only the name, school, company, period and status. */
  async verify(code: string): Promise<VerificationDto> {
    const certificate = /^[A-Z2-9]{16}$/.test(code)
      ? await this.repo.findCertificateByCode(code)
      : null;
    if (!certificate) {
      throw new NotFoundException('certificate', code);
    }
    const content = JSON.parse(certificate.content) as CertificateContent;
    return {
      name: content.studentName,
      school: content.schoolName,
      company: content.companyName,
      period: { startDate: content.startDate, endDate: content.endDate },
      status: certificate.status,
    };
  }

  private verifyUrl(code: string): string {
    return `${this.storage.publicUrl}/api/v1/verify/${code}`;
  }

  private async foundCertificate(placementId: number): Promise<Certificate> {
    const certificate = await this.repo.findCertificate(placementId);
    if (!certificate) {
      throw new NotFoundException('certificate', placementId);
    }
    return certificate;
  }

  private async result(placementId: number): Promise<AssessmentResultDto> {
    const [found, certificate] = await Promise.all([
      this.repo.findAssessment(placementId),
      this.repo.findCertificate(placementId),
    ]);
    if (!found || !certificate) {
      throw new NotFoundException('assessment', placementId);
    }
    const { assessment, units } = found;
    return {
      placementId,
      assessedBy: assessment.assessedBy,
      units: units.map((u) => ({ unitCode: u.unitCode, level: u.level })),
      attitudes: {
        discipline: assessment.discipline,
        teamwork: assessment.teamwork,
        initiative: assessment.initiative,
        communication: assessment.communication,
      },
      notes: assessment.notes,
      assessedAt: assessment.createdAt.toISOString(),
      certificate: toCertificateDto(certificate),
    };
  }

  /** What the certificate states, frozen at issue (later renames do not change it). */
  private async certificateContent(
    placement: PlacementSummary,
    dto: AssessmentDto,
    manager: EntityManager,
  ): Promise<CertificateContent> {
    const [[student], school, [company], [slot], units] = await Promise.all([
      this.students.findByIds([placement.studentId], manager),
      this.schools.findSummary(placement.schoolId, manager),
      this.companies.findSummaries([placement.companyId], manager),
      this.slots.findSummaries([placement.slotId], manager),
      this.competencies.findUnits(
        dto.units.map((u) => u.unitCode),
        manager,
      ),
    ]);
    const names = new Map(units.map((u) => [u.code, u.name]));
    return {
      studentName: student?.name ?? '',
      schoolName: school?.name ?? '',
      companyName: company?.name ?? '',
      slotTitle: slot?.title ?? '',
      startDate: placement.startDate,
      endDate: placement.endDate,
      units: [...dto.units]
        .sort((a, b) => a.unitCode.localeCompare(b.unitCode))
        .map((u) => ({
          code: u.unitCode,
          name: names.get(u.unitCode) ?? u.unitCode,
          level: u.level,
        })),
    };
  }
}

function toCertificateDto(c: Certificate): CertificateDto {
  const content = JSON.parse(c.content) as CertificateContent;
  return {
    placementId: c.placementId,
    code: c.code,
    status: c.status,
    issuedAt: c.issuedAt.toISOString(),
    ...content,
  };
}
