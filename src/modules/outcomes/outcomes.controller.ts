import { InjectQueue } from '@nestjs/bull';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Queue } from 'bull';
import { createHash } from 'node:crypto';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/role.enum';
import { ownSchoolId } from '../../common/auth/tenant-scope';
import { ValidationFailedException } from '../../common/errors/domain.exception';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { ListOutcomesQuery } from './dto/list-outcomes.query';
import {
  OutcomeImportAcceptedDto,
  OutcomeImportStatusDto,
  OutcomePageDto,
  OutcomeResponseDto,
} from './dto/outcome-response.dto';
import { RecordOutcomeDto } from './dto/record-outcome.dto';
import {
  OutcomeImportJob,
  OutcomeImportService,
  OUTCOME_CSV_COLUMNS,
} from './outcome-import.service';
import {
  OUTCOME_IMPORT_JOB,
  OUTCOME_IMPORT_JOB_OPTIONS,
  OUTCOME_IMPORT_MAX_BYTES,
  OUTCOMES_QUEUE,
} from './outcomes.constants';
import { OutcomesException } from './outcomes.exception';
import { OutcomesService } from './outcomes.service';

interface UploadedCsv {
  buffer: Buffer;
  originalname: string;
  size: number;
}

@ApiTags('outcomes')
@ApiBearerAuth()
@Controller('api/v1/outcomes')
export class OutcomesController {
  constructor(
    private readonly outcomes: OutcomesService,
    private readonly imports: OutcomeImportService,
    @InjectQueue(OUTCOMES_QUEUE) private readonly queue: Queue<OutcomeImportJob>,
  ) {}

  @Post()
  @Roles(Role.Admin, Role.SchoolAdmin, Role.Student)
  @ApiCreatedResponse({ type: OutcomeResponseDto })
  async record(
    @Body() dto: RecordOutcomeDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<OutcomeResponseDto> {
    return OutcomeResponseDto.from(await this.outcomes.record(actor, dto));
  }

  @Get()
  @Roles(Role.Admin, Role.Coordinator, Role.SchoolAdmin, Role.Student)
  @ApiOkResponse({ type: OutcomePageDto })
  async list(
    @Query() query: ListOutcomesQuery,
    @CurrentUser() actor: AuthUser,
  ): Promise<OutcomePageDto> {
    const page = await this.outcomes.list(actor, query);
    return { items: page.items.map((o) => OutcomeResponseDto.from(o)), meta: page.meta };
  }

  @Post('imports')
  @HttpCode(202)
  @Roles(Role.Admin, Role.SchoolAdmin)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: OUTCOME_IMPORT_MAX_BYTES } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description: `CSV with a header row: ${OUTCOME_CSV_COLUMNS.join(', ')} (the first three required)`,
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiAcceptedResponse({ type: OutcomeImportAcceptedDto })
  async import(
    @UploadedFile() file: UploadedCsv | undefined,
    @CurrentUser() actor: AuthUser,
  ): Promise<OutcomeImportAcceptedDto> {
    if (!file || file.size === 0) {
      throw ValidationFailedException.field('file', 'a non-empty CSV file is required');
    }
    const content = file.buffer.toString('utf8');
    const headerProblem = this.imports.checkHeader(content);
    if (headerProblem) {
      throw ValidationFailedException.field('file', headerProblem);
    }
    const schoolId = ownSchoolId(actor);
    // The same file from the same scope is the same job: uploading twice runs it once.
    const digest = createHash('sha256').update(content).digest('hex');
    const jobId = `outcomes-${schoolId ?? 'all'}-${digest}`;
    await this.queue.add(
      OUTCOME_IMPORT_JOB,
      { schoolId, actorId: actor.id, content },
      { ...OUTCOME_IMPORT_JOB_OPTIONS, jobId },
    );
    return { jobId };
  }

  @Get('imports/:jobId')
  @Roles(Role.Admin, Role.SchoolAdmin)
  @ApiOkResponse({ type: OutcomeImportStatusDto })
  async importStatus(
    @Param('jobId') jobId: string,
    @CurrentUser() actor: AuthUser,
  ): Promise<OutcomeImportStatusDto> {
    const job = /^outcomes-(all|\d+)-[0-9a-f]{64}$/.test(jobId)
      ? await this.queue.getJob(jobId)
      : null;
    const own = ownSchoolId(actor);
    if (!job || (own !== null && job.data.schoolId !== own)) {
      throw OutcomesException.importNotFound(jobId);
    }
    const progress: unknown = job.progress();
    return {
      jobId,
      state: await job.getState(),
      progress: typeof progress === 'number' ? progress : 0,
      result: (job.returnvalue as OutcomeImportStatusDto['result']) ?? null,
      failedReason: job.failedReason ?? null,
    };
  }

  @Get(':id')
  @Roles(Role.Admin, Role.Coordinator, Role.SchoolAdmin, Role.Student)
  @ApiOkResponse({ type: OutcomeResponseDto })
  async get(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() actor: AuthUser,
  ): Promise<OutcomeResponseDto> {
    return OutcomeResponseDto.from(await this.outcomes.get(actor, id));
  }
}
