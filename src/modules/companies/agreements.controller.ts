import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { CurrentUser } from '../../common/auth/decorators';
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
  @Access('agreement', Action.Create)
  @ApiCreatedResponse({ type: AgreementDto })
  create(@Body() dto: CreateAgreementDto, @CurrentUser() user: AuthUser): Promise<AgreementDto> {
    return this.agreements.create(dto, user);
  }

  @Get()
  @Access('agreement', Action.List)
  @ApiOkResponse({ type: AgreementPageDto })
  list(
    @Query() query: ListAgreementsQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<AgreementPageDto> {
    return this.agreements.list(query, user);
  }

  @Get(':id')
  @Access('agreement', Action.Read)
  @ApiOkResponse({ type: AgreementDto })
  get(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<AgreementDto> {
    return this.agreements.get(id, user);
  }
}
