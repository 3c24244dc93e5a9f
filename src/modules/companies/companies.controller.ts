import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AuthUser } from '../../common/auth/auth-user';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { CurrentUser } from '../../common/auth/decorators';
import { Role } from '../../common/auth/role.enum';
import { ValidationFailedException } from '../../common/errors/domain.exception';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { CompaniesService } from './companies.service';
import {
  CompanyDto,
  CompanyPageDto,
  CreateCompanyDto,
  ListCompaniesQuery,
  UpdateCompanyDto,
  UpdateOwnCompanyDto,
} from './dto/company.dto';

@ApiTags('companies')
@ApiBearerAuth()
@Controller('api/v1/companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Post()
  @Access('company', Action.Create)
  @ApiCreatedResponse({ type: CompanyDto })
  create(@Body() dto: CreateCompanyDto, @CurrentUser() user: AuthUser): Promise<CompanyDto> {
    return this.companies.create(dto, user);
  }

  /** A company_admin sees only their own company. */
  @Get()
  @Access('company', Action.List)
  @ApiOkResponse({ type: CompanyPageDto })
  list(@Query() query: ListCompaniesQuery, @CurrentUser() user: AuthUser): Promise<CompanyPageDto> {
    return this.companies.list(query, user);
  }

  @Get(':id')
  @Access('company', Action.Read)
  @ApiOkResponse({ type: CompanyDto })
  get(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<CompanyDto> {
    return this.companies.get(id, user);
  }

  /** Admins and coordinators change any field; a company_admin only contact and size. */
  @Patch(':id')
  @Access('company', Action.Change)
  @ApiOkResponse({ type: CompanyDto })
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateCompanyDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CompanyDto> {
    if (user.role === Role.CompanyAdmin) {
      const errors = await validate(plainToInstance(UpdateOwnCompanyDto, dto), {
        whitelist: true,
        forbidNonWhitelisted: true,
      });
      if (errors.length > 0) {
        throw new ValidationFailedException(
          errors.map((e) => ({
            field: e.property,
            problems: ['a company admin cannot change this field'],
          })),
        );
      }
    }
    return this.companies.update(id, dto, user);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Access('company', Action.Act)
  @ApiOkResponse({ type: CompanyDto })
  verify(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<CompanyDto> {
    return this.companies.verify(id, user);
  }
}
