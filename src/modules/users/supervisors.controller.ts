import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/decorators';
import { ListSupervisorsQuery, SupervisorDto, SupervisorPageDto } from './dto/supervisors.dto';
import { UsersService } from './users.service';

/** The active teachers of a school and mentors of a company, to assign one to a placement. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/supervisors')
export class SupervisorsController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Access('supervisor', Action.List)
  @ApiOkResponse({ type: SupervisorPageDto })
  async list(
    @Query() query: ListSupervisorsQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<SupervisorPageDto> {
    const page = await this.users.supervisors(user, query);
    return { items: page.items.map((u) => SupervisorDto.from(u)), meta: page.meta };
  }
}
