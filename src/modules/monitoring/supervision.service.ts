import { Injectable } from '@nestjs/common';
import { Action } from '../../common/access/access-policy';
import { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role.enum';
import { isCalendarDate } from '../../common/database/dates';
import { ValidationFailedException } from '../../common/errors/domain.exception';
import { Page, PageQueryDto, toPage } from '../../common/pagination/pagination';
import { PlacementDto } from '../placements/dto/placement.dto';
import { PlacementsService } from '../placements/placements.service';
import { PlacementSummary, SupervisorKind } from '../placements/placements.types';
import { UsersService } from '../users/users.service';
import { UserStatus } from '../users/users.types';
import { CreateVisitDto, VisitDto } from './dto/monitoring.dto';
import { MonitoredPlacements } from './monitored-placements';
import { MonitoringVisit } from './monitoring.entities';
import { MonitoringException } from './monitoring.exception';
import { MonitoringRepository } from './monitoring.repository';
import { localToday, visitDayProblem } from './monitoring.rules';

/** A placement's teacher and mentor, and the teacher's monitoring visits. */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly repo: MonitoringRepository,
    private readonly placements: MonitoredPlacements,
    private readonly placementsService: PlacementsService,
    private readonly users: UsersService,
  ) {}

  /**
   * The school admin assigns a teacher of the placement's school; the company admin a mentor
   * of its company (null clears the assignment).
   */
  async assign(
    user: AuthUser,
    placementId: number,
    kind: SupervisorKind,
    userId: number | null,
  ): Promise<PlacementDto> {
    const resource = kind === 'teacher' ? 'teacherAssignment' : 'mentorAssignment';
    const placement = await this.placements.get(user, resource, placementId, Action.Change);
    if (userId !== null && !(await this.isSupervisorFor(kind, userId, placement))) {
      throw ValidationFailedException.field(
        'userId',
        kind === 'teacher'
          ? "is not an active teacher of the placement's school"
          : "is not an active mentor of the placement's company",
      );
    }
    await this.placementsService.assignSupervisor(placementId, kind, userId);
    return this.placementsService.get(placementId, user);
  }

  private async isSupervisorFor(
    kind: SupervisorKind,
    userId: number,
    placement: PlacementSummary,
  ): Promise<boolean> {
    const candidate = await this.users.findById(userId);
    if (!candidate || candidate.status !== UserStatus.Active) {
      return false;
    }
    return kind === 'teacher'
      ? candidate.role === Role.Teacher && candidate.schoolId === placement.schoolId
      : candidate.role === Role.Mentor && candidate.companyId === placement.companyId;
  }

  async createVisit(user: AuthUser, placementId: number, dto: CreateVisitDto): Promise<VisitDto> {
    const placement = await this.placements.get(user, 'visit', placementId, Action.Create);
    if (!isCalendarDate(dto.visitDate)) {
      throw ValidationFailedException.field('visitDate', 'must be a real date');
    }
    const problem = visitDayProblem(placement, dto.visitDate, localToday());
    if (problem) {
      throw MonitoringException.day(problem, dto.visitDate);
    }
    const id = await this.repo.insertVisit({
      placementId,
      visitedBy: user.id,
      visitDate: dto.visitDate,
      notes: dto.notes,
      findings: dto.findings,
    });
    return toDto((await this.repo.findVisit(id))!);
  }

  async listVisits(
    user: AuthUser,
    placementId: number,
    query: PageQueryDto,
  ): Promise<Page<VisitDto>> {
    await this.placements.get(user, 'visit', placementId, Action.List);
    const [items, total] = await this.repo.pageVisits(placementId, {
      skip: query.skip,
      take: query.pageSize,
    });
    return toPage(items.map(toDto), total, query);
  }
}

function toDto(v: MonitoringVisit): VisitDto {
  return {
    id: v.id,
    placementId: v.placementId,
    visitedBy: v.visitedBy,
    visitDate: v.visitDate,
    notes: v.notes,
    findings: v.findings,
  };
}
