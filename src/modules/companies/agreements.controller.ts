import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/role.enum';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { AgreementsService } from './agreements.service';
import {
  AgreementDto,
  AgreementPageDto,
  CreateAgreementDto,
  ListAgreementsQuery,
} from './dto/agreement.dto';

@ApiTags('agreements')
@ApiBearerAuth()
@Controller('api/v1/agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Post()
  @Roles(Role.Admin, Role.Coordinator, Role.SchoolAdmin)
  @ApiCreatedResponse({ type: AgreementDto })
  create(@Body() dto: CreateAgreementDto, @CurrentUser() user: AuthUser): Promise<AgreementDto> {
    return this.agreements.create(dto, user);
  }

  @Get()
  @Roles(Role.Admin, Role.Coordinator, Role.SchoolAdmin, Role.CompanyAdmin)
  @ApiOkResponse({ type: AgreementPageDto })
  list(
    @Query() query: ListAgreementsQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<AgreementPageDto> {
    return this.agreements.list(query, user);
  }

  @Get(':id')
  @Roles(Role.Admin, Role.Coordinator, Role.SchoolAdmin, Role.CompanyAdmin)
  @ApiOkResponse({ type: AgreementDto })
  get(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<AgreementDto> {
    return this.agreements.get(id, user);
  }
}
