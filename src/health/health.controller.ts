import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type Redis from 'ioredis';
import { Public } from '../common/auth/decorators';
import { REDIS_CLIENT } from '../common/redis/redis.module';
import { HealthRepository } from './health.repository';

const CHECK_TIMEOUT_MS = 1500;

export class DependencyStateDto {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ required: false }) error?: string;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ example: 'all dependencies are up' }) message: string;
  @ApiProperty() database: DependencyStateDto;
  @ApiProperty() redis: DependencyStateDto;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: HealthRepository,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    const [database, redis] = await Promise.all([
      probe(() => this.database.ping()),
      probe(() => this.redis.ping()),
    ]);
    const down = [database.status === 'down' && 'mysql', redis.status === 'down' && 'redis'].filter(
      (name): name is string => typeof name === 'string',
    );
    response.status(down.length === 0 ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: down.length === 0 ? 'ok' : 'error',
      message: down.length === 0 ? 'all dependencies are up' : `down: ${down.join(', ')}`,
      database,
      redis,
    };
  }
}

async function probe(check: () => Promise<unknown>): Promise<DependencyStateDto> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([check(), timeout]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
