import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { OUTCOME_IMPORT_JOB, OUTCOMES_QUEUE } from './outcomes.constants';
import { OutcomeImportResultDto } from './dto/outcome-response.dto';
import { BadOutcomeFile, OutcomeImportJob, OutcomeImportService } from './outcome-import.service';

@Processor(OUTCOMES_QUEUE)
export class OutcomeImportProcessor {
  private readonly logger = new Logger(OutcomeImportProcessor.name);

  constructor(private readonly imports: OutcomeImportService) {}

  @Process(OUTCOME_IMPORT_JOB)
  async handle(job: Job<OutcomeImportJob>): Promise<OutcomeImportResultDto> {
    const started = Date.now();
    this.logger.log(`outcome import ${job.id} started`);
    try {
      const result = await this.imports.run(job.data, (p) => job.progress(p));
      this.logger.log(
        `outcome import ${job.id} done in ${Date.now() - started} ms: ${result.created} created, ${result.unchanged} unchanged, ${result.rejected} rejected`,
      );
      return result;
    } catch (error) {
      if (error instanceof BadOutcomeFile) {
        // A wrong file stays wrong: no retry.
        await job.discard();
      }
      throw error;
    }
  }
}
