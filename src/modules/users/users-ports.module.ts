import { Global, Module } from '@nestjs/common';
import { UserNames } from '../audit/user-names.port';
import { UsersModule } from './users.module';
import { UsersService } from './users.service';

/** Gives the audit feature (below users) the users' display names, without a cycle. */
@Global()
@Module({
  imports: [UsersModule],
  providers: [{ provide: UserNames, useExisting: UsersService }],
  exports: [UserNames],
})
export class UsersPortsModule {}
