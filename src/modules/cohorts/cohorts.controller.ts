import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { CurrentUser } from '../../common/auth/decorators';
import { Role } from '../../common/auth/role.enum';
import { ValidationFailedException } from '../../common/errors/domain.exception';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { CohortStatsService } from './cohort-stats.service';
import { CohortsService } from './cohorts.service';
import { CompletionService } from './completion.service';
import {
  CoordinatorViewQuery,
  CreateCohortDto,
  ListCohortsQuery,
  UpdateCohortDto,
} from './dto/cohort.dto';
import {
  CohortPageDto,
  CohortResponseDto,
  CohortStatsDto,
  CompletionResultDto,
  CoordinatorViewDto,
} from './dto/cohort-response.dto';

/**
 * Anyone signed in sees cohorts (a school needs them to enrol); coordinators and admins run them.
 * A coordinator limited to some regions sees and runs the cohorts there only.
 */
@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('api/v1/cohorts')
export class CohortsController {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly completion: CompletionService,
    private readonly stats: CohortStatsService,
  ) {}

  @Post()
  @Access('cohort', Action.Create)
  @ApiCreatedResponse({ type: CohortResponseDto })
  async create(
    @Body() dto: CreateCohortDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<CohortResponseDto> {
    return CohortResponseDto.from(await this.cohorts.create(dto, actor));
  }

  @Get()
  @Access('cohort', Action.List)
  @ApiOkResponse({ type: CohortPageDto })
  async list(
    @Query() query: ListCohortsQuery,
    @CurrentUser() actor: AuthUser,
  ): Promise<CohortPageDto> {
    const page = await this.cohorts.list(query, actor);
    return { items: page.items.map((c) => CohortResponseDto.from(c)), meta: page.meta };
  }

  @Get('coordinator-view')
  @Access('cohortStats', Action.Read)
  @ApiOkResponse({ type: CoordinatorViewDto })
  coordinatorView(
    @Query() query: CoordinatorViewQuery,
    @CurrentUser() actor: AuthUser,
  ): Promise<CoordinatorViewDto> {
    const coordinatorId =
      query.coordinatorId ?? (actor.role === Role.Coordinator ? actor.id : undefined);
    if (coordinatorId === undefined) {
      throw ValidationFailedException.field('coordinatorId', 'is required for an admin');
    }
    return this.stats.forCoordinator(coordinatorId, actor);
  }

  @Get(':id')
  @Access('cohort', Action.Read)
  @ApiOkResponse({ type: CohortResponseDto })
  async get(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() actor: AuthUser,
  ): Promise<CohortResponseDto> {
    return CohortResponseDto.from(await this.cohorts.get(id, actor));
  }

  @Patch(':id')
  @Access('cohort', Action.Change)
  @ApiOkResponse({ type: CohortResponseDto })
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateCohortDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<CohortResponseDto> {
    return CohortResponseDto.from(await this.cohorts.update(id, dto, actor));
  }

  @Post(':id/start')
  @HttpCode(200)
  @Access('cohort', Action.Act)
  @ApiOkResponse({ type: CohortResponseDto })
  async start(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() actor: AuthUser,
  ): Promise<CohortResponseDto> {
    return CohortResponseDto.from(await this.cohorts.start(id, actor));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Access('cohort', Action.Act)
  @ApiOkResponse({ type: CohortResponseDto })
  async cancel(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() actor: AuthUser,
  ): Promise<CohortResponseDto> {
    return CohortResponseDto.from(await this.cohorts.cancel(id, actor));
  }

  /** Idempotent: completing a completed cohort answers 200 with alreadyCompleted and awards nothing. */
  @Post(':id/complete')
  @HttpCode(200)
  @Access('cohort', Action.Act)
  @ApiOkResponse({ type: CompletionResultDto })
  async complete(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() actor: AuthUser,
  ): Promise<CompletionResultDto> {
    const outcome = await this.completion.complete(id, actor);
    return { ...outcome, cohort: CohortResponseDto.from(outcome.cohort) };
  }

  @Get(':id/stats')
  @Access('cohortStats', Action.Read)
  @ApiOkResponse({ type: CohortStatsDto })
  statsFor(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() actor: AuthUser,
  ): Promise<CohortStatsDto> {
    return this.stats.forCohort(id, actor);
  }
}
