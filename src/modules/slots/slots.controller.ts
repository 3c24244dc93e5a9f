import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { CurrentUser } from '../../common/auth/decorators';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { CreateSlotDto, ListSlotsQuery, SlotDto, SlotPageDto, UpdateSlotDto } from './dto/slot.dto';
import { SlotsService } from './slots.service';

@ApiTags('slots')
@ApiBearerAuth()
@Controller('api/v1/slots')
export class SlotsController {
  constructor(private readonly slots: SlotsService) {}

  @Post()
  @Access('slot', Action.Create)
  @ApiCreatedResponse({ type: SlotDto })
  create(@Body() dto: CreateSlotDto, @CurrentUser() user: AuthUser): Promise<SlotDto> {
    return this.slots.create(dto, user);
  }

  /** Students and schools see open slots; a company its own; coordinators all. */
  @Get()
  @Access('slot', Action.List)
  @ApiOkResponse({ type: SlotPageDto })
  list(@Query() query: ListSlotsQuery, @CurrentUser() user: AuthUser): Promise<SlotPageDto> {
    return this.slots.list(query, user);
  }

  @Get(':id')
  @Access('slot', Action.Read)
  @ApiOkResponse({ type: SlotDto })
  get(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<SlotDto> {
    return this.slots.get(id, user);
  }

  @Patch(':id')
  @Access('slot', Action.Change)
  @ApiOkResponse({ type: SlotDto })
  update(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateSlotDto,
    @CurrentUser() user: AuthUser,
  ): Promise<SlotDto> {
    return this.slots.update(id, dto, user);
  }

  @Post(':id/open')
  @HttpCode(200)
  @Access('slot', Action.Act)
  @ApiOkResponse({ type: SlotDto })
  open(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<SlotDto> {
    return this.slots.open(id, user);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Access('slot', Action.Act)
  @ApiOkResponse({ type: SlotDto })
  close(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<SlotDto> {
    return this.slots.close(id, user);
  }
}
