import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/decorators';
import { ListOutboxQuery, OutboxEventDto, OutboxEventPageDto } from './dto/outbox-event.dto';
import { OutboxService } from './outbox.service';

/** The outbox as operators see it: what is waiting, how often it was tried, the last error. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @Access('notification', Action.List)
  @ApiOkResponse({ type: OutboxEventPageDto })
  async list(
    @Query() query: ListOutboxQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<OutboxEventPageDto> {
    const page = await this.outbox.list(query, user);
    return { items: page.items.map((row) => OutboxEventDto.from(row)), meta: page.meta };
  }
}
