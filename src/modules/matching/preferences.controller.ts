import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { CurrentUser } from '../../common/auth/decorators';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { PreferencesDto, RankingDto } from './dto/preferences.dto';
import { PreferencesService } from './preferences.service';

@ApiTags('matching-runs')
@ApiBearerAuth()
@Controller('api/v1')
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get('students/:id/preferences')
  @Access('studentPreference', Action.Read)
  @ApiOkResponse({ type: PreferencesDto })
  async getPreferences(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<PreferencesDto> {
    return { slotIds: await this.preferences.getPreferences(id, user) };
  }

  /** The student (or their school) ranks up to 10 open slots they are eligible for. */
  @Put('students/:id/preferences')
  @Access('studentPreference', Action.Change)
  @ApiOkResponse({ type: PreferencesDto })
  async setPreferences(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: PreferencesDto,
    @CurrentUser() user: AuthUser,
  ): Promise<PreferencesDto> {
    return { slotIds: await this.preferences.setPreferences(id, dto, user) };
  }

  @Get('slots/:id/ranking')
  @Access('slotRanking', Action.Read)
  @ApiOkResponse({ type: RankingDto })
  async getRanking(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<RankingDto> {
    return { studentIds: await this.preferences.getRanking(id, user) };
  }

  /** The company's own ranking of candidates for its slot. */
  @Put('slots/:id/ranking')
  @Access('slotRanking', Action.Change)
  @ApiOkResponse({ type: RankingDto })
  async setRanking(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: RankingDto,
    @CurrentUser() user: AuthUser,
  ): Promise<RankingDto> {
    return { studentIds: await this.preferences.setRanking(id, dto, user) };
  }
}
