import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/role.enum';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { PreferencesDto, RankingDto } from './dto/preferences.dto';
import { PreferencesService } from './preferences.service';

@ApiTags('matching-runs')
@ApiBearerAuth()
@Controller('api/v1')
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get('students/:id/preferences')
  @Roles(Role.Admin, Role.Coordinator, Role.SchoolAdmin, Role.Student)
  @ApiOkResponse({ type: PreferencesDto })
  async getPreferences(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<PreferencesDto> {
    return { slotIds: await this.preferences.getPreferences(id, user) };
  }

  /** The student (or their school) ranks up to 10 open slots they are eligible for. */
  @Put('students/:id/preferences')
  @Roles(Role.Admin, Role.SchoolAdmin, Role.Student)
  @ApiOkResponse({ type: PreferencesDto })
  async setPreferences(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: PreferencesDto,
    @CurrentUser() user: AuthUser,
  ): Promise<PreferencesDto> {
    return { slotIds: await this.preferences.setPreferences(id, dto, user) };
  }

  @Get('slots/:id/ranking')
  @Roles(Role.Admin, Role.Coordinator, Role.CompanyAdmin)
  @ApiOkResponse({ type: RankingDto })
  async getRanking(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<RankingDto> {
    return { studentIds: await this.preferences.getRanking(id, user) };
  }

  /** The company's own ranking of candidates for its slot. */
  @Put('slots/:id/ranking')
  @Roles(Role.Admin, Role.Coordinator, Role.CompanyAdmin)
  @ApiOkResponse({ type: RankingDto })
  async setRanking(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: RankingDto,
    @CurrentUser() user: AuthUser,
  ): Promise<RankingDto> {
    return { studentIds: await this.preferences.setRanking(id, dto, user) };
  }
}
