import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { AuthUser } from '../../common/auth/auth-user';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { CurrentUser } from '../../common/auth/decorators';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { PasswordResetIssuedDto } from './dto/password-reset.dto';
import { UserPageDto, UserResponseDto } from './dto/user-response.dto';
import { PasswordsService } from './passwords.service';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordsService,
  ) {}

  @Post()
  @Access('user', Action.Create)
  @ApiCreatedResponse({ type: UserResponseDto })
  async create(@Body() dto: CreateUserDto): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.create(dto));
  }

  @Get()
  @Access('user', Action.List)
  @ApiOkResponse({ type: UserPageDto })
  async list(@Query() query: ListUsersQuery): Promise<UserPageDto> {
    const page = await this.users.list(query);
    return { items: page.items.map((u) => UserResponseDto.from(u)), meta: page.meta };
  }

  @Get(':id')
  @Access('user', Action.Read)
  @ApiOkResponse({ type: UserResponseDto })
  async get(@Param('id', ParseIdPipe) id: number): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.get(id));
  }

  @Post(':id/disable')
  @Access('user', Action.Act)
  @HttpCode(200)
  @ApiOkResponse({ type: UserResponseDto })
  async disable(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() actor: AuthUser,
  ): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.disable(id, actor));
  }

  /**
   * A one-time set-password token for the user, valid PASSWORD_RESET_TTL_SECONDS (24 h by
   * default), answered once; the user sets a password with it at POST /api/v1/auth/password/reset.
   * Issuing another makes the earlier one unusable. The password itself is never shown.
   */
  @Post(':id/password-reset')
  @Access('user', Action.Act)
  @ApiCreatedResponse({ type: PasswordResetIssuedDto })
  issuePasswordReset(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() actor: AuthUser,
  ): Promise<PasswordResetIssuedDto> {
    return this.passwords.issueReset(id, actor);
  }
}
