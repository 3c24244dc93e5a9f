import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { CurrentUser } from '../../common/auth/decorators';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import {
  CreatePlacementDto,
  EvaluationDto,
  ListPlacementsQuery,
  PlacementDto,
  PlacementPageDto,
  TerminationDto,
} from './dto/placement.dto';
import { PlacementsService } from './placements.service';

/** Who may take each step is in placements.rules.ts; scope comes from the access policy. */
@ApiTags('placements')
@ApiBearerAuth()
@Controller('api/v1/placements')
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  @Post()
  @Access('placement', Action.Create)
  @ApiCreatedResponse({ type: PlacementDto })
  create(@Body() dto: CreatePlacementDto, @CurrentUser() user: AuthUser): Promise<PlacementDto> {
    return this.placements.create(dto, user);
  }

  @Get()
  @Access('placement', Action.List)
  @ApiOkResponse({ type: PlacementPageDto })
  list(
    @Query() query: ListPlacementsQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<PlacementPageDto> {
    return this.placements.list(query, user);
  }

  @Get(':id')
  @Access('placement', Action.Read)
  @ApiOkResponse({ type: PlacementDto })
  get(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<PlacementDto> {
    return this.placements.get(id, user);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Access('placement', Action.Act)
  @ApiOkResponse({ type: PlacementDto })
  accept(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<PlacementDto> {
    return this.placements.accept(id, user);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Access('placement', Action.Act)
  @ApiOkResponse({ type: PlacementDto })
  decline(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<PlacementDto> {
    return this.placements.decline(id, user);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Access('placement', Action.Act)
  @ApiOkResponse({ type: PlacementDto })
  withdraw(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<PlacementDto> {
    return this.placements.withdraw(id, user);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Access('placement', Action.Act)
  @ApiOkResponse({ type: PlacementDto })
  start(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<PlacementDto> {
    return this.placements.start(id, user);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Access('placement', Action.Act)
  @ApiOkResponse({ type: PlacementDto })
  complete(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: EvaluationDto,
    @CurrentUser() user: AuthUser,
  ): Promise<PlacementDto> {
    return this.placements.complete(id, dto, user);
  }

  @Post(':id/terminate')
  @HttpCode(200)
  @Access('placement', Action.Act)
  @ApiOkResponse({ type: PlacementDto })
  terminate(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: TerminationDto,
    @CurrentUser() user: AuthUser,
  ): Promise<PlacementDto> {
    return this.placements.terminate(id, dto, user);
  }
}
