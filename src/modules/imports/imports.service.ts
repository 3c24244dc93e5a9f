import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { createHash } from 'node:crypto';
import { Action } from '../../common/access/access-policy';
import { AccessRepository } from '../../common/access/access.repository';
import { AuthUser } from '../../common/auth/auth-user';
import { Page, PageQueryDto, toPage } from '../../common/pagination/pagination';
import { enqueueWithin } from '../../common/queue/enqueue';
import { SchoolsService } from '../schools/schools.service';
import { parseCsv } from './csv';
import { ListImportsQuery } from './dto/import.dto';
import { ImportRowError } from './import-row-error.entity';
import { headerProblem } from './import-runner.service';
import { Import } from './import.entity';
import {
  IMPORT_JOB_OPTIONS,
  importJobId,
  IMPORTS_QUEUE,
  PROCESS_IMPORT_JOB,
} from './imports.constants';
import { ImportsException } from './imports.exception';
import { ImportsRepository } from './imports.repository';
import { ImportKind } from './imports.types';

export interface UploadedCsv {
  originalname: string;
  buffer: Buffer;
}

const DETAIL_ERRORS = 1000;

@Injectable()
export class ImportsService {
  constructor(
    private readonly repo: ImportsRepository,
    private readonly schools: SchoolsService,
    private readonly access: AccessRepository,
    @InjectQueue(IMPORTS_QUEUE) private readonly queue: Queue,
  ) {}

  /** Stores the file, then enqueues its job; the header is checked now so a wrong file fails fast. */
  async start(
    user: AuthUser,
    kind: ImportKind,
    file: UploadedCsv | undefined,
    givenSchoolId: number | undefined,
  ): Promise<Import> {
    const schoolId = await this.schools.targetSchool(user, givenSchoolId, true);
    await this.schools.assertActive(schoolId);
    if (!file || file.buffer.length === 0) {
      throw ImportsException.badFile('a non-empty CSV file is required (multipart field "file")');
    }
    const content = file.buffer.toString('utf8');
    const firstLine = content.slice(0, content.search(/\r?\n|$/));
    let header: string[];
    try {
      header = parseCsv(firstLine)[0]?.fields ?? [];
    } catch {
      header = [];
    }
    const problem = headerProblem(kind, header);
    if (problem) {
      throw ImportsException.badFile(problem);
    }
    const saved = await this.repo.insert({
      kind,
      schoolId,
      createdBy: user.id,
      fileName: file.originalname.slice(0, 255),
      content,
      contentSha256: createHash('sha256').update(file.buffer).digest('hex'),
    });
    // The file is in MySQL: if Redis does not answer in time, the worker's recovery sweep enqueues it.
    await enqueueWithin(
      this.queue,
      PROCESS_IMPORT_JOB,
      { importId: saved.id },
      { ...IMPORT_JOB_OPTIONS, jobId: importJobId(saved.id) },
    );
    return saved;
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

  private async findInScope(user: AuthUser, id: number): Promise<Import> {
    await this.access.assertInScope(user, 'import', id, Action.Read);
    return (await this.repo.findById(id)) as Import;
  }
}
