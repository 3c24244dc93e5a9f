import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
  UploadedFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/decorators';
import { PageQueryDto } from '../../common/pagination/pagination';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import {
  ApproveDto,
  CommentDto,
  CreateJournalEntryDto,
  JournalEntryDto,
  JournalEntryPageDto,
  UpdateJournalEntryDto,
} from './dto/monitoring.dto';
import { JournalService } from './journal.service';
import { UploadedImage } from './monitoring.types';
import { ImageDownload, ImageUpload } from './uploads';

/** The daily journal; who takes which review step is monitoring.rules.ts's table. */
@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('api/v1')
export class JournalController {
  constructor(private readonly journal: JournalService) {}

  @Get('placements/:id/journal')
  @Access('journal', Action.List)
  @ApiOkResponse({ type: JournalEntryPageDto })
  list(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: PageQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<JournalEntryPageDto> {
    return this.journal.list(user, id, query);
  }

  @Post('placements/:id/journal')
  @Access('journal', Action.Create)
  @ApiCreatedResponse({ type: JournalEntryDto })
  create(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: CreateJournalEntryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<JournalEntryDto> {
    return this.journal.create(user, id, dto);
  }

  @Get('journal-entries/waiting')
  @Access('journalQueue', Action.List)
  @ApiOkResponse({
    type: JournalEntryPageDto,
    description: "A mentor's entries to review; a teacher's entries to comment",
  })
  waiting(
    @Query() query: PageQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<JournalEntryPageDto> {
    return this.journal.waiting(user, query);
  }

  @Get('journal-entries/:id')
  @Access('journal', Action.Read)
  @ApiOkResponse({ type: JournalEntryDto })
  get(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<JournalEntryDto> {
    return this.journal.get(user, id);
  }

  @Patch('journal-entries/:id')
  @Access('journal', Action.Change)
  @ApiOkResponse({ type: JournalEntryDto })
  update(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateJournalEntryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<JournalEntryDto> {
    return this.journal.update(user, id, dto);
  }

  @Post('journal-entries/:id/approve')
  @HttpCode(200)
  @Access('journal', Action.Act)
  @ApiOkResponse({ type: JournalEntryDto })
  approve(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: ApproveDto,
    @CurrentUser() user: AuthUser,
  ): Promise<JournalEntryDto> {
    return this.journal.step(user, id, 'approve', dto.comment ?? null);
  }

  @Post('journal-entries/:id/return')
  @HttpCode(200)
  @Access('journal', Action.Act)
  @ApiOkResponse({ type: JournalEntryDto })
  returnEntry(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: CommentDto,
    @CurrentUser() user: AuthUser,
  ): Promise<JournalEntryDto> {
    return this.journal.step(user, id, 'return', dto.comment);
  }

  @Post('journal-entries/:id/comment')
  @HttpCode(200)
  @Access('journal', Action.Act)
  @ApiOkResponse({ type: JournalEntryDto })
  comment(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: CommentDto,
    @CurrentUser() user: AuthUser,
  ): Promise<JournalEntryDto> {
    return this.journal.step(user, id, 'comment', dto.comment);
  }

  @Put('journal-entries/:id/photo')
  @Access('journal', Action.Change)
  @ImageUpload()
  @ApiOkResponse({ type: JournalEntryDto })
  putPhoto(
    @Param('id', ParseIdPipe) id: number,
    @UploadedFile() file: UploadedImage | undefined,
    @CurrentUser() user: AuthUser,
  ): Promise<JournalEntryDto> {
    return this.journal.putPhoto(user, id, file);
  }

  @Get('journal-entries/:id/photo')
  @Access('journal', Action.Read)
  @ImageDownload('The photo')
  async photo(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<StreamableFile> {
    const { data, mime } = await this.journal.photo(user, id);
    return new StreamableFile(data, { type: mime, disposition: 'inline' });
  }
}
