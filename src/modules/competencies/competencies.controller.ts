import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { Action } from '../../common/access/access-policy';
import { Access } from '../../common/access/access.decorator';
import { CurrentUser } from '../../common/auth/decorators';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { CompetenciesService } from './competencies.service';
import {
  CompetencyUnitDto,
  CompetencyUnitPageDto,
  CreateCompetencyUnitDto,
  ListCompetencyUnitsQuery,
  RecordCompetencyDto,
  StudentCompetencyDto,
  UpdateCompetencyUnitDto,
} from './dto/competency.dto';

/** The catalogue: everyone signed in reads it; admins and coordinators maintain it. */
@ApiTags('competencies')
@ApiBearerAuth()
@Controller('api/v1/competency-units')
export class CompetencyUnitsController {
  constructor(private readonly competencies: CompetenciesService) {}

  @Get()
  @Access('competencyUnit', Action.List)
  @ApiOkResponse({ type: CompetencyUnitPageDto })
  async list(@Query() query: ListCompetencyUnitsQuery): Promise<CompetencyUnitPageDto> {
    const page = await this.competencies.listUnits(query);
    return { items: page.items.map((u) => CompetencyUnitDto.from(u)), meta: page.meta };
  }

  @Post()
  @Access('competencyUnit', Action.Create)
  @ApiCreatedResponse({ type: CompetencyUnitDto })
  async create(@Body() dto: CreateCompetencyUnitDto): Promise<CompetencyUnitDto> {
    return CompetencyUnitDto.from(await this.competencies.createUnit(dto));
  }

  @Patch(':code')
  @Access('competencyUnit', Action.Change)
  @ApiOkResponse({ type: CompetencyUnitDto })
  async update(
    @Param('code') code: string,
    @Body() dto: UpdateCompetencyUnitDto,
  ): Promise<CompetencyUnitDto> {
    return CompetencyUnitDto.from(await this.competencies.updateUnit(code, dto));
  }
}

/** The units a student holds; the student's own scope rules apply (404 outside it). */
@ApiTags('competencies')
@ApiBearerAuth()
@Controller('api/v1/students/:id/competencies')
export class StudentCompetenciesController {
  constructor(private readonly competencies: CompetenciesService) {}

  @Get()
  @Access('studentCompetency', Action.List)
  @ApiOkResponse({ type: [StudentCompetencyDto] })
  async list(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<StudentCompetencyDto[]> {
    return (await this.competencies.listHeld(user, id)).map((c) => StudentCompetencyDto.from(c));
  }

  @Put(':unitCode')
  @Access('studentCompetency', Action.Change)
  @ApiOkResponse({ type: StudentCompetencyDto })
  async record(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Param('unitCode') unitCode: string,
    @Body() dto: RecordCompetencyDto,
  ): Promise<StudentCompetencyDto> {
    return StudentCompetencyDto.from(await this.competencies.record(user, id, unitCode, dto));
  }

  @Delete(':unitCode')
  @HttpCode(204)
  @Access('studentCompetency', Action.Change)
  @ApiNoContentResponse()
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Param('unitCode') unitCode: string,
  ): Promise<void> {
    await this.competencies.remove(user, id, unitCode);
  }
}
