import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { AuditService } from './audit.service';
import { AuditEventDto, AuditEventPageDto, ListAuditEventsQuery } from './dto/audit-event.dto';
import { UserNames } from './user-names.port';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit-events')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly users: UserNames,
  ) {}

  @Get()
  @Access('auditEvent', Action.List)
  @ApiOkResponse({ type: AuditEventPageDto })
  async list(@Query() query: ListAuditEventsQuery): Promise<AuditEventPageDto> {
    const page = await this.audit.list(query);
    const actorIds = page.items.flatMap((e) => (e.actorUserId === null ? [] : [e.actorUserId]));
    const names = await this.users.namesOf(actorIds);
    return { items: page.items.map((e) => AuditEventDto.from(e, names)), meta: page.meta };
  }
}
