import { rejectedRows, type RejectedRows } from './rejected-rows';
import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { createHash } from 'node:crypto';
import { Action, mayDo } from '../../common/access/access-policy';
import { AccessRepository } from '../../common/access/access.repository';
import { AuthUser } from '../../common/auth/auth-user';
import { Page, PageQueryDto, toPage } from '../../common/pagination/pagination';
import { DomainException, ErrorKind } from '../../common/errors/domain.exception';
import { enqueueWithin } from '../../common/queue/enqueue';
import { RegionsService } from '../regions/regions.service';
import { SchoolsService } from '../schools/schools.service';
import { ListImportsQuery } from './dto/import.dto';
import { ImportFileError, sniffFormat } from './file-format';
import { headerProblem } from './import-columns';
import { ImportRowError } from './import-row-error.entity';
import { ImportTable } from './import-table';
import { buildTemplate, TemplateFile } from './import-template';
import { Import } from './import.entity';
import {
  IMPORT_JOB_OPTIONS,
  importJobId,
  IMPORTS_QUEUE,
  PROCESS_IMPORT_JOB,
} from './imports.constants';
import { ImportsException } from './imports.exception';
import { ImportsRepository } from './imports.repository';
import { ImportFormat, ImportKind } from './imports.types';

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
}

const DETAIL_ERRORS = 1000;
/** What the ignored_columns VARCHAR holds, as JSON. */
const IGNORED_COLUMNS_CHARS = 1000;

/** The ignored headers that fit the column, the first ones first. */
function fitIgnored(headers: string[]): string[] {
  const kept: string[] = [];
  for (const h of headers) {
    if (JSON.stringify([...kept, h]).length > IGNORED_COLUMNS_CHARS) {
      break;
    }
    kept.push(h);
  }
  return kept;
}

/** A file problem as the API answers it: 400 naming `file` (or the field it names). */
function refusal(error: ImportFileError): DomainException {
  return error.field === 'file'
    ? ImportsException.badFile(error.message)
    : ImportsException.badField(error.field, error.message);
}

@Injectable()
export class ImportsService {
  constructor(
    private readonly repo: ImportsRepository,
    private readonly schools: SchoolsService,
    private readonly regions: RegionsService,
    private readonly access: AccessRepository,
    @InjectQueue(IMPORTS_QUEUE) private readonly queue: Queue,
  ) {}

  /**
   * Stores the file, then enqueues its job. The format is found from the bytes and the header
   * read now (the first rows only), so a wrong file fails fast.
   */
  async start(
    user: AuthUser,
    kind: ImportKind,
    file: UploadedFile | undefined,
    givenSchoolId: number | undefined,
    sheet = '',
  ): Promise<Import> {
    const schoolId = await this.schools.targetSchool(user, givenSchoolId, true);
    await this.schools.assertActive(schoolId);
    if (!file || file.buffer.length === 0) {
      throw ImportsException.badFile(
        'a non-empty CSV or .xlsx file is required (multipart field "file")',
      );
    }
    let format: ImportFormat;
    let table: ImportTable;
    try {
      format = sniffFormat(file.buffer);
      table = await ImportTable.open(kind, file.buffer, format, sheet);
      await table.close();
    } catch (error) {
      throw error instanceof ImportFileError ? refusal(error) : error;
    }
    const problem = headerProblem(table.header);
    if (problem) {
      throw ImportsException.badFile(problem);
    }
    const saved = await this.repo.insert(
      {
        kind,
        schoolId,
        createdBy: user.id,
        fileName: file.originalname.slice(0, 255),
        format,
        sheet: format === ImportFormat.Xlsx ? sheet.trim() : '',
        ignoredColumns: fitIgnored(table.header.ignored),
        contentSha256: createHash('sha256').update(file.buffer).digest('hex'),
      },
      file.buffer,
    );
    // The file is in MySQL: if Redis does not answer in time, the worker's recovery sweep enqueues it.
    await enqueueWithin(
      this.queue,
      PROCESS_IMPORT_JOB,
      { importId: saved.id },
      { ...IMPORT_JOB_OPTIONS, jobId: importJobId(saved.id) },
    );
    return saved;
  }

  /**
   * An empty file to fill in. Who may import a kind may have its template (outcomes: not a
   * coordinator); the programmes listed are the target school's, or the national list for a
   * caller naming no school.
   */
  async template(
    user: AuthUser,
    kind: ImportKind,
    format: ImportFormat,
    givenSchoolId: number | undefined,
  ): Promise<TemplateFile> {
    const resource = kind === ImportKind.Outcomes ? 'outcomeImport' : 'import';
    if (!mayDo(user, resource, Action.Create)) {
      throw new DomainException(
        ErrorKind.Forbidden,
        'forbidden',
        `The ${kind} import is not open to the role ${user.role}`,
      );
    }
    const schoolId = await this.schools.targetSchool(user, givenSchoolId, false);
    const [programs, regions] = await Promise.all([
      schoolId === 0
        ? this.schools.listPrograms()
        : this.schools.programsRun(schoolId).then((codes) => this.schools.findPrograms(codes)),
      this.regions.findRefs({}),
    ]);
    return buildTemplate(kind, format, {
      programs: programs.map((p) => ({ code: p.code, name: p.name })),
      regions,
    });
  }

  async list(user: AuthUser, query: ListImportsQuery): Promise<Page<Import>> {
    const [items, total] = await this.repo.page(user, query);
    return toPage(items, total, query);
  }

  async get(user: AuthUser, id: number): Promise<{ imp: Import; errors: ImportRowError[] }> {
    const imp = await this.findInScope(user, id);
    return { imp, errors: await this.repo.firstRowErrors(id, DETAIL_ERRORS) };
  }

  async errors(user: AuthUser, id: number, query: PageQueryDto): Promise<Page<ImportRowError>> {
    await this.findInScope(user, id);
    const [items, total] = await this.repo.pageRowErrors(id, query);
    return toPage(items, total, query);
  }

  /** Every row error of the import (for its files). */
  async allErrors(user: AuthUser, id: number): Promise<ImportRowError[]> {
    await this.findInScope(user, id);
    return this.repo.allRowErrors(id);
  }

  /** The refused rows of the import's own file, with their reasons: to fix and upload again. */
  async rejected(user: AuthUser, id: number): Promise<RejectedRows> {
    const imp = await this.findInScope(user, id);
    const errors = await this.repo.allRowErrors(id);
    if (errors.length === 0) {
      return { header: [], rows: [] };
    }
    return rejectedRows(await this.repo.readFile(id), imp, errors);
  }

  private async findInScope(user: AuthUser, id: number): Promise<Import> {
    await this.access.assertInScope(user, 'import', id, Action.Read);
    return (await this.repo.findById(id)) as Import;
  }
}
