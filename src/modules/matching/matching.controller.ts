import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { CurrentUser } from '../../common/auth/decorators';
import { PageQueryDto } from '../../common/pagination/pagination';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import {
  CreateRunDto,
  ListRunsQuery,
  ProposalPageDto,
  PublishResultDto,
  RunCreatedDto,
  RunDto,
  RunPageDto,
  UnmatchedPageDto,
} from './dto/matching-run.dto';
import { UsersService } from '../users/users.service';
import type { MatchingRun } from './matching-run.entity';
import { MatchingService, toRunDto } from './matching.service';
import { PublishService } from './publish.service';

@ApiTags('matching-runs')
@ApiBearerAuth()
@Controller('api/v1/matching-runs')
export class MatchingController {
  constructor(
    private readonly matching: MatchingService,
    private readonly publisher: PublishService,
    private readonly users: UsersService,
  ) {}

  /** Queues a round; poll GET /:id for its progress. */
  @Post()
  @HttpCode(202)
  @Access('matchingRun', Action.Create)
  @ApiAcceptedResponse({ type: RunCreatedDto })
  async create(@Body() dto: CreateRunDto, @CurrentUser() user: AuthUser): Promise<RunCreatedDto> {
    const run = await this.matching.create(dto, user);
    return { id: run.id, status: run.status };
  }

  @Get()
  @Access('matchingRun', Action.List)
  @ApiOkResponse({ type: RunPageDto })
  async list(@Query() query: ListRunsQuery, @CurrentUser() user: AuthUser): Promise<RunPageDto> {
    const page = await this.matching.list(query, user);
    const names = await this.users.namesOf(page.items.map((run) => run.createdBy));
    return { items: page.items.map((run) => toRunDto(run, names)), meta: page.meta };
  }

  @Get(':id')
  @Access('matchingRun', Action.Read)
  @ApiOkResponse({ type: RunDto })
  async get(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<RunDto> {
    return this.withCreatorName(await this.matching.get(id, user));
  }

  /** Schools see their students' rows, companies their slots' rows, students their own. */
  @Get(':id/proposals')
  @Access('matchingResult', Action.List)
  @ApiOkResponse({ type: ProposalPageDto })
  proposals(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: PageQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ProposalPageDto> {
    return this.matching.proposals(id, query, user);
  }

  @Get(':id/unmatched')
  @Access('matchingResult', Action.List)
  @ApiOkResponse({ type: UnmatchedPageDto })
  unmatched(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: PageQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<UnmatchedPageDto> {
    return this.matching.unmatched(id, query, user);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Access('matchingRun', Action.Act)
  @ApiOkResponse({ type: RunDto })
  async cancel(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<RunDto> {
    return this.withCreatorName(await this.matching.cancel(id, user));
  }

  private async withCreatorName(run: MatchingRun): Promise<RunDto> {
    return toRunDto(run, await this.users.namesOf([run.createdBy]));
  }

  /** Turns the proposals into offers (placements `offered`). */
  @Post(':id/publish')
  @HttpCode(200)
  @Access('matchingRun', Action.Act)
  @ApiOkResponse({ type: PublishResultDto })
  publish(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<PublishResultDto> {
    return this.publisher.publish(id, user);
  }
}
