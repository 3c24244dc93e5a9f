import type { LoggerService } from '@nestjs/common';

/** The words logged for a rejection nobody handled; the fault tests count them (must be 0). */
export const UNHANDLED_REJECTION_MESSAGE = 'Unhandled promise rejection (a bug: kept running)';

/**
 * A last line of defence: a promise rejection nobody handled is logged, not fatal. Every path
 * that meets a database or Redis that is away handles its own errors; this keeps one missed path
 * (ours or a library's) from ending the API or the worker, and with it every other job, while
 * a dependency blinks. An uncaught exception still ends the process: its state is unknown.
 */
export function logUnhandledRejections(logger: LoggerService): void {
  process.on('unhandledRejection', (reason: unknown) => {
    logger.error(
      `${UNHANDLED_REJECTION_MESSAGE}: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
      'Process',
    );
  });
}
