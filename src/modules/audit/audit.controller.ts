import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/role.enum';
import { AuditService } from './audit.service';
import { AuditEventDto, AuditEventPageDto, ListAuditEventsQuery } from './dto/audit-event.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('api/v1/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ type: AuditEventPageDto })
  async list(@Query() query: ListAuditEventsQuery): Promise<AuditEventPageDto> {
    const page = await this.audit.list(query);
    return { items: page.items.map((e) => AuditEventDto.from(e)), meta: page.meta };
  }
}
