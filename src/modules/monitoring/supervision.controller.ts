import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/decorators';
import { PageQueryDto } from '../../common/pagination/pagination';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { PlacementDto } from '../placements/dto/placement.dto';
import { AssignSupervisorDto, CreateVisitDto, VisitDto, VisitPageDto } from './dto/monitoring.dto';
import { SupervisionService } from './supervision.service';

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('api/v1/placements')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Put(':id/teacher')
  @Access('teacherAssignment', Action.Change)
  @ApiOkResponse({ type: PlacementDto })
  assignTeacher(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: AssignSupervisorDto,
    @CurrentUser() user: AuthUser,
  ): Promise<PlacementDto> {
    return this.supervision.assign(user, id, 'teacher', dto.userId);
  }

  @Put(':id/mentor')
  @Access('mentorAssignment', Action.Change)
  @ApiOkResponse({ type: PlacementDto })
  assignMentor(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: AssignSupervisorDto,
    @CurrentUser() user: AuthUser,
  ): Promise<PlacementDto> {
    return this.supervision.assign(user, id, 'mentor', dto.userId);
  }

  @Get(':id/visits')
  @Access('visit', Action.List)
  @ApiOkResponse({ type: VisitPageDto })
  visits(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: PageQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<VisitPageDto> {
    return this.supervision.listVisits(user, id, query);
  }

  @Post(':id/visits')
  @Access('visit', Action.Create)
  @ApiCreatedResponse({ type: VisitDto })
  createVisit(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: CreateVisitDto,
    @CurrentUser() user: AuthUser,
  ): Promise<VisitDto> {
    return this.supervision.createVisit(user, id, dto);
  }
}
