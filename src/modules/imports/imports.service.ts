import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bull';
import { createHash } from 'node:crypto';
import { enqueueWithin } from '../../common/queue/enqueue';
import { Repository } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import { ownSchoolId } from '../../common/auth/tenant-scope';
import { NotFoundException } from '../../common/errors/domain.exception';
import { Page, PageQueryDto, toPage } from '../../common/pagination/pagination';
import { assertSchoolActive } from '../schools/school-active';
import { School } from '../schools/school.entity';
import { targetSchool } from '../schools/target-school';
import { parseCsv } from './csv';
import { ListImportsQuery } from './dto/import.dto';
import { ImportRowError } from './import-row-error.entity';
import { headerProblem } from './import-runner.service';
import { Import, ImportKind } from './import.entity';
import {
  IMPORT_JOB_OPTIONS,
  importJobId,
  IMPORTS_QUEUE,
  PROCESS_IMPORT_JOB,
} from './imports.constants';
import { ImportsException } from './imports.exception';

export interface UploadedCsv {
  originalname: string;
  buffer: Buffer;
}

const DETAIL_ERRORS = 1000;

@Injectable()
export class ImportsService {
  constructor(
    @InjectRepository(Import) private readonly imports: Repository<Import>,
    @InjectRepository(ImportRowError) private readonly rowErrors: Repository<ImportRowError>,
    @InjectRepository(School) private readonly schools: Repository<School>,
    @InjectQueue(IMPORTS_QUEUE) private readonly queue: Queue,
  ) {}

  /** Stores the file, then enqueues its job; the header is checked now so a wrong file fails fast. */
  async start(
    user: AuthUser,
    kind: ImportKind,
    file: UploadedCsv | undefined,
    givenSchoolId: number | undefined,
  ): Promise<Import> {
    const schoolId = await targetSchool(this.schools, user, givenSchoolId, true);
    await assertSchoolActive(this.imports.manager, schoolId);
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
    const saved = await this.imports.save({
      kind,
      schoolId,
      createdBy: user.id,
      fileName: file.originalname.slice(0, 255),
      content,
      contentSha256: createHash('sha256').update(file.buffer).digest('hex'),
    });
    // The file is in MySQL: if Redis does not answer in time, the worker enqueues it on its next start.
    await enqueueWithin(
      this.queue,
      PROCESS_IMPORT_JOB,
      { importId: saved.id },
      { ...IMPORT_JOB_OPTIONS, jobId: importJobId(saved.id) },
    );
    return saved;
  }

  async list(user: AuthUser, query: ListImportsQuery): Promise<Page<Import>> {
    const own = ownSchoolId(user);
    const [items, total] = await this.imports.findAndCount({
      where: { schoolId: own ?? undefined, kind: query.kind },
      order: { id: 'DESC' },
      skip: query.skip,
      take: query.pageSize,
    });
    return toPage(items, total, query);
  }

  async get(user: AuthUser, id: number): Promise<{ imp: Import; errors: ImportRowError[] }> {
    const imp = await this.findInScope(user, id);
    const errors = await this.rowErrors.find({
      where: { importId: id },
      order: { rowNumber: 'ASC' },
      take: DETAIL_ERRORS,
    });
    return { imp, errors };
  }

  async errors(user: AuthUser, id: number, query: PageQueryDto): Promise<Page<ImportRowError>> {
    await this.findInScope(user, id);
    const [items, total] = await this.rowErrors.findAndCount({
      where: { importId: id },
      order: { rowNumber: 'ASC' },
      skip: query.skip,
      take: query.pageSize,
    });
    return toPage(items, total, query);
  }

  private async findInScope(user: AuthUser, id: number): Promise<Import> {
    const own = ownSchoolId(user);
    const imp = await this.imports.findOneBy({ id, schoolId: own ?? undefined });
    if (!imp) {
      throw new NotFoundException('import', id);
    }
    return imp;
  }
}
