import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { CurrentUser } from '../../common/auth/decorators';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { ListOutcomesQuery } from './dto/list-outcomes.query';
import { OutcomePageDto, OutcomeResponseDto } from './dto/outcome-response.dto';
import { RecordOutcomeDto } from './dto/record-outcome.dto';
import { OutcomesService } from './outcomes.service';

@ApiTags('outcomes')
@ApiBearerAuth()
@Controller('api/v1/outcomes')
export class OutcomesController {
  constructor(private readonly outcomes: OutcomesService) {}

  @Post()
  @Access('outcome', Action.Create)
  @ApiCreatedResponse({ type: OutcomeResponseDto })
  async record(
    @Body() dto: RecordOutcomeDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<OutcomeResponseDto> {
    return OutcomeResponseDto.from(await this.outcomes.record(actor, dto));
  }

  @Get()
  @Access('outcome', Action.List)
  @ApiOkResponse({ type: OutcomePageDto })
  async list(
    @Query() query: ListOutcomesQuery,
    @CurrentUser() actor: AuthUser,
  ): Promise<OutcomePageDto> {
    const page = await this.outcomes.list(actor, query);
    return { items: page.items.map((o) => OutcomeResponseDto.from(o)), meta: page.meta };
  }

  @Get(':id')
  @Access('outcome', Action.Read)
  @ApiOkResponse({ type: OutcomeResponseDto })
  async get(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() actor: AuthUser,
  ): Promise<OutcomeResponseDto> {
    return OutcomeResponseDto.from(await this.outcomes.get(actor, id));
  }
}
