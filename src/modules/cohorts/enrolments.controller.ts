import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/role.enum';
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
@Roles(Role.Admin, Role.Coordinator, Role.SchoolAdmin)
@Controller('api/v1/cohorts/:id/enrolments')
export class EnrolmentsController {
  constructor(private readonly enrolments: EnrolmentsService) {}

  @Post()
  @ApiCreatedResponse({ type: EnrolmentResponseDto })
  enrol(
    @Param('id', ParseIdPipe) cohortId: number,
    @Body() dto: CreateEnrolmentDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<EnrolmentResponseDto> {
    return this.enrolments.enrol(cohortId, dto.studentId, actor);
  }

  @Get()
  @ApiOkResponse({ type: EnrolmentPageDto })
  list(
    @Param('id', ParseIdPipe) cohortId: number,
    @Query() query: ListEnrolmentsQuery,
    @CurrentUser() actor: AuthUser,
  ): Promise<EnrolmentPageDto> {
    return this.enrolments.list(cohortId, query, actor);
  }

  @Get(':enrolmentId')
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
  @ApiOkResponse({ type: EnrolmentResponseDto })
  withdraw(
    @Param('id', ParseIdPipe) cohortId: number,
    @Param('enrolmentId', ParseIdPipe) enrolmentId: number,
    @CurrentUser() actor: AuthUser,
  ): Promise<EnrolmentResponseDto> {
    return this.enrolments.withdraw(cohortId, enrolmentId, actor);
  }

  @Put(':enrolmentId/result')
  @Roles(Role.Admin, Role.Coordinator)
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
