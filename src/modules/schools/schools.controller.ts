import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/role.enum';
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
@Roles(Role.Admin, Role.Coordinator, Role.SchoolAdmin)
@Controller('api/v1/schools')
export class SchoolsController {
  constructor(private readonly schools: SchoolsService) {}

  @Post()
  @Roles(Role.Admin, Role.Coordinator)
  @ApiCreatedResponse({ type: SchoolResponseDto })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateSchoolDto,
  ): Promise<SchoolResponseDto> {
    return SchoolResponseDto.from(await this.schools.create(user, dto));
  }

  @Get()
  @ApiOkResponse({ type: SchoolPageDto })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListSchoolsQuery,
  ): Promise<SchoolPageDto> {
    const page = await this.schools.list(user, query);
    return { items: page.items.map((s) => SchoolResponseDto.from(s)), meta: page.meta };
  }

  @Get(':id')
  @ApiOkResponse({ type: SchoolResponseDto })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<SchoolResponseDto> {
    return SchoolResponseDto.from(await this.schools.get(user, id));
  }

  @Patch(':id')
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
  @Roles(Role.Admin, Role.Coordinator)
  @ApiOkResponse({ type: SchoolResponseDto })
  async deactivate(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<SchoolResponseDto> {
    return SchoolResponseDto.from(await this.schools.deactivate(user, id));
  }

  @Get(':id/programs')
  @ApiOkResponse({ type: [ProgramDto] })
  async programs(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<ProgramDto[]> {
    return (await this.schools.schoolPrograms(user, id)).map((p) => ProgramDto.from(p));
  }

  @Put(':id/programs')
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
  @ApiOkResponse({ type: [ProgramDto] })
  async list(): Promise<ProgramDto[]> {
    return (await this.schools.listPrograms()).map((p) => ProgramDto.from(p));
  }
}
