import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
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
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser } from '../../common/auth/auth-user';
import { Action } from '../../common/access/access-policy';
import { Access } from '../../common/access/access.decorator';
import { CurrentUser } from '../../common/auth/decorators';
import { EXPORT_CONTENT_TYPE, ExportFormat, sendTable } from '../../common/export/table-export';
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
  TemplateParams,
  TemplateQuery,
} from './dto/import.dto';
import {
  IMPORT_ERRORS_TABLE,
  ImportErrorsFormat,
  ImportErrorsQuery,
  RejectedRowsQuery,
} from './import-errors.export';
import { rejectedRowsTable } from './rejected-rows';
import { XLSX_TYPE } from './import-template';
import { ImportFormat, ImportKind } from './imports.types';
import { MAX_IMPORT_BYTES } from './imports.constants';
import { ImportsService, UploadedFile as Upload } from './imports.service';

const UPLOAD = FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
const UPLOAD_BODY = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: {
        type: 'string',
        format: 'binary',
        description:
          'CSV (comma, semicolon or tab; UTF-8, UTF-16 or Windows-1252) or .xlsx, with a header row',
      },
      schoolId: { type: 'integer', description: 'Required for admin/coordinator' },
      sheet: {
        type: 'string',
        maxLength: 100,
        description: 'For an .xlsx file: the sheet to read (default: the first)',
      },
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
    @UploadedFile() file: Upload | undefined,
    @Body() body: ImportUploadDto,
  ): Promise<ImportAcceptedDto> {
    const imp = await this.imports.start(
      user,
      ImportKind.Students,
      file,
      body.schoolId,
      body.sheet,
    );
    return ImportAcceptedDto.from(imp);
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
    @UploadedFile() file: Upload | undefined,
    @Body() body: ImportUploadDto,
  ): Promise<ImportAcceptedDto> {
    const imp = await this.imports.start(
      user,
      ImportKind.Competencies,
      file,
      body.schoolId,
      body.sheet,
    );
    return ImportAcceptedDto.from(imp);
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
    @UploadedFile() file: Upload | undefined,
    @Body() body: ImportUploadDto,
  ): Promise<ImportAcceptedDto> {
    const imp = await this.imports.start(
      user,
      ImportKind.Outcomes,
      file,
      body.schoolId,
      body.sheet,
    );
    return ImportAcceptedDto.from(imp);
  }

  /** An empty file to fill in: headers, an example row, and in .xlsx a sheet explaining them. */
  @Get('templates/:kind')
  @Access('import', Action.Create)
  @ApiProduces(XLSX_TYPE, 'text/csv')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async template(
    @CurrentUser() user: AuthUser,
    @Param() params: TemplateParams,
    @Query() query: TemplateQuery,
  ): Promise<StreamableFile> {
    const file = await this.imports.template(
      user,
      params.kind,
      query.format ?? ImportFormat.Xlsx,
      query.schoolId,
    );
    return new StreamableFile(file.content, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.content.length,
    });
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

  /** `format=csv|xlsx`: every rejected row (number, column, message) as a file. */
  @Get(':id/errors')
  @Access('import', Action.Read)
  @ApiProduces('application/json', EXPORT_CONTENT_TYPE.csv, EXPORT_CONTENT_TYPE.xlsx)
  @ApiOkResponse({ type: ImportRowErrorPageDto })
  async errors(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Query() query: ImportErrorsQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportRowErrorPageDto | string | StreamableFile> {
    if (query.format === ImportErrorsFormat.Json) {
      const page = await this.imports.errors(user, id, query);
      return { items: page.items.map((e) => ImportRowErrorDto.from(e)), meta: page.meta };
    }
    const all = await this.imports.allErrors(user, id);
    const format = query.format === ImportErrorsFormat.Csv ? ExportFormat.Csv : ExportFormat.Xlsx;
    return sendTable(res, format, `import-${id}-errors`, IMPORT_ERRORS_TABLE, all);
  }

  /**
   * The refused rows themselves, as the file had them (its header and cells) plus a last column
   * with the reasons: the operator fixes them and uploads the file again (an empty file, just
   * the header, when none was refused). `lang`: the reasons' language, Indonesian by default.
   */
  @Get(':id/rejected')
  @Access('import', Action.Read)
  @ApiProduces(EXPORT_CONTENT_TYPE.csv, EXPORT_CONTENT_TYPE.xlsx)
  @ApiOkResponse({ description: 'The rejected rows as CSV or xlsx' })
  async rejected(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Query() query: RejectedRowsQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | StreamableFile> {
    const found = await this.imports.rejected(user, id);
    const format = query.format === 'xlsx' ? ExportFormat.Xlsx : ExportFormat.Csv;
    return sendTable(
      res,
      format,
      `import-${id}-rejected`,
      rejectedRowsTable(found, query.lang),
      found.rows,
    );
  }
}
