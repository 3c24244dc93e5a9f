import { Global, Module } from '@nestjs/common';
import { AccessRepository } from './access.repository';

/** The access policy's row check, for every feature module. */
@Global()
@Module({ providers: [AccessRepository], exports: [AccessRepository] })
export class AccessModule {}
