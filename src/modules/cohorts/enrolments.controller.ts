import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { CurrentUser } from '../../common/auth/decorators';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import {
  CreateEnrolmentDto,
  EnrolmentPageDto,
  EnrolmentResponseDto,
  ListEnrolmentsQuery,
  RecordResultDto,
} from './dto/enrolment.dto';
import { EnrolmentsService } from './enrolments.service';

/**
 * A school admin enrols and sees only their own school's students; coordinators, anyone's (a
 * region-limited coordinator, in the cohorts of their regions only).
 */
@ApiTags('enrolments')
@ApiBearerAuth()
@Controller('api/v1/cohorts/:id/enrolments')
export class EnrolmentsController {
  constructor(private readonly enrolments: EnrolmentsService) {}

  @Post()
  @Access('enrolment', Action.Create)
  @ApiCreatedResponse({ type: EnrolmentResponseDto })
  enrol(
    @Param('id', ParseIdPipe) cohortId: number,
    @Body() dto: CreateEnrolmentDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<EnrolmentResponseDto> {
    return this.enrolments.enrol(cohortId, dto.studentId, actor);
  }

  @Get()
  @Access('enrolment', Action.List)
  @ApiOkResponse({ type: EnrolmentPageDto })
  list(
    @Param('id', ParseIdPipe) cohortId: number,
    @Query() query: ListEnrolmentsQuery,
    @CurrentUser() actor: AuthUser,
  ): Promise<EnrolmentPageDto> {
    return this.enrolments.list(cohortId, query, actor);
  }

  @Get(':enrolmentId')
  @Access('enrolment', Action.Read)
  @ApiOkResponse({ type: EnrolmentResponseDto })
  get(
    @Param('id', ParseIdPipe) cohortId: number,
    @Param('enrolmentId', ParseIdPipe) enrolmentId: number,
    @CurrentUser() actor: AuthUser,
  ): Promise<EnrolmentResponseDto> {
    return this.enrolments.get(cohortId, enrolmentId, actor);
  }

  @Post(':enrolmentId/withdraw')
  @HttpCode(200)
  @Access('enrolment', Action.Act)
  @ApiOkResponse({ type: EnrolmentResponseDto })
  withdraw(
    @Param('id', ParseIdPipe) cohortId: number,
    @Param('enrolmentId', ParseIdPipe) enrolmentId: number,
    @CurrentUser() actor: AuthUser,
  ): Promise<EnrolmentResponseDto> {
    return this.enrolments.withdraw(cohortId, enrolmentId, actor);
  }

  @Put(':enrolmentId/result')
  @Access('enrolment', Action.Change)
  @ApiOkResponse({ type: EnrolmentResponseDto })
  recordResult(
    @Param('id', ParseIdPipe) cohortId: number,
    @Param('enrolmentId', ParseIdPipe) enrolmentId: number,
    @Body() dto: RecordResultDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<EnrolmentResponseDto> {
    return this.enrolments.recordResult(cohortId, enrolmentId, dto, actor);
  }
}
