import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser } from '../../common/auth/auth-user';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { CurrentUser } from '../../common/auth/decorators';
import { EXPORT_CONTENT_TYPE, ExportFormat, sendTable } from '../../common/export/table-export';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import {
  CreateRunDto,
  ListRunsQuery,
  MatchingResultsFormat,
  MatchingResultsQuery,
  ProposalPageDto,
  PublishResultDto,
  RunCreatedDto,
  RunDto,
  RunPageDto,
  UnmatchedPageDto,
} from './dto/matching-run.dto';
import { UsersService } from '../users/users.service';
import type { MatchingRun } from './matching-run.entity';
import { PROPOSALS_TABLE, UNMATCHED_TABLE } from './matching.export';
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

  /**
   * Schools see their students' rows, companies their slots' rows, students their own;
   * `format=csv|xlsx` gives every such row as a file.
   */
  @Get(':id/proposals')
  @Access('matchingResult', Action.List)
  @ApiProduces('application/json', EXPORT_CONTENT_TYPE.csv, EXPORT_CONTENT_TYPE.xlsx)
  @ApiOkResponse({ type: ProposalPageDto })
  async proposals(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: MatchingResultsQuery,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProposalPageDto | string | StreamableFile> {
    if (query.format === MatchingResultsFormat.Json) {
      return this.matching.proposals(id, query, user);
    }
    const rows = await this.matching.allProposals(id, user);
    return sendTable(res, fileFormat(query.format), `round-${id}-proposals`, PROPOSALS_TABLE, rows);
  }

  @Get(':id/unmatched')
  @Access('matchingResult', Action.List)
  @ApiProduces('application/json', EXPORT_CONTENT_TYPE.csv, EXPORT_CONTENT_TYPE.xlsx)
  @ApiOkResponse({ type: UnmatchedPageDto })
  async unmatched(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: MatchingResultsQuery,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UnmatchedPageDto | string | StreamableFile> {
    if (query.format === MatchingResultsFormat.Json) {
      return this.matching.unmatched(id, query, user);
    }
    const rows = await this.matching.allUnmatched(id, user);
    return sendTable(res, fileFormat(query.format), `round-${id}-unmatched`, UNMATCHED_TABLE, rows);
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

function fileFormat(format: MatchingResultsFormat.Csv | MatchingResultsFormat.Xlsx): ExportFormat {
  return format === MatchingResultsFormat.Csv ? ExportFormat.Csv : ExportFormat.Xlsx;
}
