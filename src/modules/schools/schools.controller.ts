import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { Action } from '../../common/access/access-policy';
import { Access } from '../../common/access/access.decorator';
import { CurrentUser } from '../../common/auth/decorators';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import {
  CreateSchoolDto,
  ListSchoolsQuery,
  ProgramDto,
  SchoolPageDto,
  SchoolResponseDto,
  SetSchoolProgramsDto,
  UpdateSchoolDto,
} from './dto/school.dto';
import { SchoolsService } from './schools.service';

@ApiTags('schools')
@ApiBearerAuth()
@Controller('api/v1/schools')
export class SchoolsController {
  constructor(private readonly schools: SchoolsService) {}

  @Post()
  @Access('school', Action.Create)
  @ApiCreatedResponse({ type: SchoolResponseDto })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateSchoolDto,
  ): Promise<SchoolResponseDto> {
    return SchoolResponseDto.from(await this.schools.create(user, dto));
  }

  @Get()
  @Access('school', Action.List)
  @ApiOkResponse({ type: SchoolPageDto })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListSchoolsQuery,
  ): Promise<SchoolPageDto> {
    const page = await this.schools.list(user, query);
    return { items: page.items.map((s) => SchoolResponseDto.from(s)), meta: page.meta };
  }

  @Get(':id')
  @Access('school', Action.Read)
  @ApiOkResponse({ type: SchoolResponseDto })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<SchoolResponseDto> {
    return SchoolResponseDto.from(await this.schools.get(user, id));
  }

  @Patch(':id')
  @Access('school', Action.Change)
  @ApiOkResponse({ type: SchoolResponseDto })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateSchoolDto,
  ): Promise<SchoolResponseDto> {
    return SchoolResponseDto.from(await this.schools.update(user, id, dto));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Access('school', Action.Act)
  @ApiOkResponse({ type: SchoolResponseDto })
  async deactivate(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<SchoolResponseDto> {
    return SchoolResponseDto.from(await this.schools.deactivate(user, id));
  }

  @Get(':id/programs')
  @Access('school', Action.Read)
  @ApiOkResponse({ type: [ProgramDto] })
  async programs(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<ProgramDto[]> {
    return (await this.schools.schoolPrograms(user, id)).map((p) => ProgramDto.from(p));
  }

  @Put(':id/programs')
  @Access('school', Action.Change)
  @ApiOkResponse({ type: [ProgramDto] })
  async setPrograms(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: SetSchoolProgramsDto,
  ): Promise<ProgramDto[]> {
    return (await this.schools.setPrograms(user, id, dto.programCodes)).map((p) =>
      ProgramDto.from(p),
    );
  }
}

/** The national reference list of programmes: readable by every signed-in user. */
@ApiTags('schools')
@ApiBearerAuth()
@Controller('api/v1/programs')
export class ProgramsController {
  constructor(private readonly schools: SchoolsService) {}

  @Get()
  @Access('reference', Action.List)
  @ApiOkResponse({ type: [ProgramDto] })
  async list(): Promise<ProgramDto[]> {
    return (await this.schools.listPrograms()).map((p) => ProgramDto.from(p));
  }
}
