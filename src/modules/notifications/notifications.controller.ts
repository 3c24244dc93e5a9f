import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/role.enum';
import { ListOutboxQuery, OutboxEventDto, OutboxEventPageDto } from './dto/outbox-event.dto';
import { OutboxService } from './outbox.service';

/** The outbox as operators see it: what is waiting, how often it was tried, the last error. */
@ApiTags('notifications')
@ApiBearerAuth()
@Roles(Role.Admin, Role.Coordinator)
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @ApiOkResponse({ type: OutboxEventPageDto })
  async list(@Query() query: ListOutboxQuery): Promise<OutboxEventPageDto> {
    const page = await this.outbox.list(query);
    return { items: page.items.map((row) => OutboxEventDto.from(row)), meta: page.meta };
  }
}
