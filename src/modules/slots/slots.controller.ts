import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/role.enum';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { CreateSlotDto, ListSlotsQuery, SlotDto, SlotPageDto, UpdateSlotDto } from './dto/slot.dto';
import { SlotsService } from './slots.service';

const MANAGERS = [Role.Admin, Role.Coordinator, Role.CompanyAdmin];

@ApiTags('slots')
@ApiBearerAuth()
@Controller('api/v1/slots')
export class SlotsController {
  constructor(private readonly slots: SlotsService) {}

  @Post()
  @Roles(...MANAGERS)
  @ApiCreatedResponse({ type: SlotDto })
  create(@Body() dto: CreateSlotDto, @CurrentUser() user: AuthUser): Promise<SlotDto> {
    return this.slots.create(dto, user);
  }

  /** Students and schools see open slots; a company its own; coordinators all. */
  @Get()
  @ApiOkResponse({ type: SlotPageDto })
  list(@Query() query: ListSlotsQuery, @CurrentUser() user: AuthUser): Promise<SlotPageDto> {
    return this.slots.list(query, user);
  }

  @Get(':id')
  @ApiOkResponse({ type: SlotDto })
  get(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<SlotDto> {
    return this.slots.get(id, user);
  }

  @Patch(':id')
  @Roles(...MANAGERS)
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
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: SlotDto })
  open(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<SlotDto> {
    return this.slots.open(id, user);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: SlotDto })
  close(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<SlotDto> {
    return this.slots.close(id, user);
  }
}
