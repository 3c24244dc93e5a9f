import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
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
  @Roles(Role.Admin, Role.Coordinator)
  @ApiCreatedResponse({ type: CompanyDto })
  async create(@Body() dto: CreateCompanyDto): Promise<CompanyDto> {
    return CompanyDto.from(await this.companies.create(dto));
  }

  /** A company_admin sees only their own company. */
  @Get()
  @Roles(Role.Admin, Role.Coordinator, Role.CompanyAdmin)
  @ApiOkResponse({ type: CompanyPageDto })
  async list(
    @Query() query: ListCompaniesQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<CompanyPageDto> {
    const page = await this.companies.list(query, user);
    return { items: page.items.map((c) => CompanyDto.from(c)), meta: page.meta };
  }

  @Get(':id')
  @Roles(Role.Admin, Role.Coordinator, Role.CompanyAdmin)
  @ApiOkResponse({ type: CompanyDto })
  async get(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<CompanyDto> {
    return CompanyDto.from(await this.companies.get(id, user));
  }

  /** Admins and coordinators change any field; a company_admin only contact and size. */
  @Patch(':id')
  @Roles(Role.Admin, Role.Coordinator, Role.CompanyAdmin)
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
    return CompanyDto.from(await this.companies.update(id, dto, user));
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles(Role.Admin, Role.Coordinator)
  @ApiOkResponse({ type: CompanyDto })
  async verify(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<CompanyDto> {
    return CompanyDto.from(await this.companies.verify(id, user));
  }
}
