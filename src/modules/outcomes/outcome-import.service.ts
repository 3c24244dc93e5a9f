import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Student } from '../students/student.entity';
import { parseCsv } from './csv';
import { OutcomeImportResultDto, OutcomeImportRowErrorDto } from './dto/outcome-response.dto';
import { OutcomeSource, OutcomeStatus } from './outcome.entity';
import { OutcomeInput, OutcomesService } from './outcomes.service';

export interface OutcomeImportJob {
  /** The uploader's school; null for a province-wide user (any graduate). */
  schoolId: number | null;
  actorId: number;
  content: string;
}

export const OUTCOME_CSV_COLUMNS = [
  'nisn',
  'status',
  'outcome_date',
  'employer_name',
  'region_code',
  'notes',
] as const;
const REQUIRED = ['nisn', 'status', 'outcome_date'];
const BATCH = 500;
const STATUSES = new Set<string>(Object.values(OutcomeStatus));

/** A permanent problem with the whole file: the job is not retried. */
export class BadOutcomeFile extends Error {}

@Injectable()
export class OutcomeImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outcomes: OutcomesService,
  ) {}

  /** Reads the header now, so that a wrong file is refused at upload rather than in the job. */
  checkHeader(content: string): string | null {
    const header = (parseCsv(content.split(/\r?\n/, 1)[0] ?? '')[0] ?? []).map((h) =>
      h.trim().toLowerCase(),
    );
    const missing = REQUIRED.filter((c) => !header.includes(c));
    return missing.length > 0 ? `missing column(s): ${missing.join(', ')}` : null;
  }

  /** Re-runnable: rows already recorded count as unchanged, nothing is written twice. */
  async run(
    job: OutcomeImportJob,
    progress: (percent: number) => Promise<void>,
  ): Promise<OutcomeImportResultDto> {
    const [headerRow, ...rows] = parseCsv(job.content);
    const problem = this.checkHeader(job.content);
    if (!headerRow || problem) {
      throw new BadOutcomeFile(problem ?? 'empty file');
    }
    const col = new Map(headerRow.map((h, i) => [h.trim().toLowerCase(), i]));
    const cell = (row: string[], name: string): string => (row[col.get(name) ?? -1] ?? '').trim();
    const result: OutcomeImportResultDto = {
      rows: rows.length,
      created: 0,
      unchanged: 0,
      rejected: 0,
      errors: [],
    };
    const reject = (line: number, field: string, why: string): void => {
      result.rejected++;
      // The first thousand problems are plenty to fix a file; the count stays exact.
      if (result.errors.length < 1000) {
        result.errors.push({ line, field, problem: why } satisfies OutcomeImportRowErrorDto);
      }
    };
    const today = new Date();
    for (let start = 0; start < rows.length; start += BATCH) {
      const batch = rows.slice(start, start + BATCH);
      const students = await this.students(
        batch.map((r) => cell(r, 'nisn')),
        job.schoolId,
      );
      await this.dataSource.transaction(async (manager) => {
        for (const [offset, row] of batch.entries()) {
          const line = start + offset + 2;
          const student = students.get(cell(row, 'nisn'));
          if (!student) {
            reject(line, 'nisn', 'no such graduate in your scope');
            continue;
          }
          const status = cell(row, 'status');
          if (!STATUSES.has(status)) {
            reject(line, 'status', `must be one of ${[...STATUSES].join(', ')}`);
            continue;
          }
          const input: OutcomeInput = {
            studentId: student.id,
            status: status as OutcomeStatus,
            outcomeDate: cell(row, 'outcome_date'),
            employerName: cell(row, 'employer_name').slice(0, 200),
            regionCode: cell(row, 'region_code') || null,
            notes: cell(row, 'notes').slice(0, 500),
            source: OutcomeSource.Import,
            recordedBy: job.actorId,
          };
          const bad = await this.outcomes.check(input, student, today);
          if (bad) {
            reject(line, bad.field === 'student' ? 'nisn' : snake(bad.field), bad.problem);
            continue;
          }
          if ((await this.outcomes.insert(manager, input)) === null) {
            result.unchanged++;
          } else {
            result.created++;
          }
        }
      });
      await progress(Math.round(((start + batch.length) / Math.max(rows.length, 1)) * 100));
    }
    return result;
  }

  private async students(
    nisns: string[],
    schoolId: number | null,
  ): Promise<Map<string, Pick<Student, 'id' | 'status'>>> {
    const wanted = [...new Set(nisns.filter((n) => /^\d{10}$/.test(n)))];
    if (wanted.length === 0) {
      return new Map();
    }
    const found = await this.dataSource.getRepository(Student).find({
      select: { id: true, nisn: true, status: true, schoolId: true },
      where: { nisn: In(wanted), ...(schoolId === null ? {} : { schoolId }) },
    });
    return new Map(found.map((s) => [s.nisn, s]));
  }
}

function snake(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
