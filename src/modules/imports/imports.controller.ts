import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { Action } from '../../common/access/access-policy';
import { Access } from '../../common/access/access.decorator';
import { CurrentUser } from '../../common/auth/decorators';
import { PageQueryDto } from '../../common/pagination/pagination';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import {
  ImportAcceptedDto,
  ImportDetailDto,
  ImportDto,
  ImportPageDto,
  ImportRowErrorDto,
  ImportRowErrorPageDto,
  ImportUploadDto,
  ListImportsQuery,
} from './dto/import.dto';
import { ImportKind } from './imports.types';
import { MAX_IMPORT_BYTES } from './imports.constants';
import { ImportsService, UploadedCsv } from './imports.service';

const UPLOAD = FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
const UPLOAD_BODY = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: { type: 'string', format: 'binary', description: 'UTF-8 CSV with a header row' },
      schoolId: { type: 'integer', description: 'Required for admin/coordinator' },
    },
  },
};

@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/v1/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('students')
  @Access('import', Action.Create)
  @HttpCode(202)
  @UseInterceptors(UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiAcceptedResponse({ type: ImportAcceptedDto })
  async students(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: UploadedCsv | undefined,
    @Body() body: ImportUploadDto,
  ): Promise<ImportAcceptedDto> {
    const imp = await this.imports.start(user, ImportKind.Students, file, body.schoolId);
    return { id: imp.id, status: imp.status };
  }

  @Post('competencies')
  @Access('import', Action.Create)
  @HttpCode(202)
  @UseInterceptors(UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiAcceptedResponse({ type: ImportAcceptedDto })
  async competencies(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: UploadedCsv | undefined,
    @Body() body: ImportUploadDto,
  ): Promise<ImportAcceptedDto> {
    const imp = await this.imports.start(user, ImportKind.Competencies, file, body.schoolId);
    return { id: imp.id, status: imp.status };
  }

  /** Tracer-study outcomes: recorded by schools (and admins), as through POST /outcomes. */
  @Post('outcomes')
  @Access('outcomeImport', Action.Create)
  @HttpCode(202)
  @UseInterceptors(UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiAcceptedResponse({ type: ImportAcceptedDto })
  async outcomes(
    @CurrentUser() user: AuthUser,
    @UploadedFile() file: UploadedCsv | undefined,
    @Body() body: ImportUploadDto,
  ): Promise<ImportAcceptedDto> {
    const imp = await this.imports.start(user, ImportKind.Outcomes, file, body.schoolId);
    return { id: imp.id, status: imp.status };
  }

  @Get()
  @Access('import', Action.List)
  @ApiOkResponse({ type: ImportPageDto })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListImportsQuery,
  ): Promise<ImportPageDto> {
    const page = await this.imports.list(user, query);
    return { items: page.items.map((i) => ImportDto.from(i)), meta: page.meta };
  }

  @Get(':id')
  @Access('import', Action.Read)
  @ApiOkResponse({ type: ImportDetailDto })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<ImportDetailDto> {
    const { imp, errors } = await this.imports.get(user, id);
    return { ...ImportDto.from(imp), errors: errors.map((e) => ImportRowErrorDto.from(e)) };
  }

  @Get(':id/errors')
  @Access('import', Action.Read)
  @ApiOkResponse({ type: ImportRowErrorPageDto })
  async errors(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Query() query: PageQueryDto,
  ): Promise<ImportRowErrorPageDto> {
    const page = await this.imports.errors(user, id, query);
    return { items: page.items.map((e) => ImportRowErrorDto.from(e)), meta: page.meta };
  }
}
