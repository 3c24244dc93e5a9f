import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActiveUserLookup } from '../../common/auth/active-user-lookup';
import { Region } from '../regions/region.entity';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, Region])],
  controllers: [UsersController],
  providers: [
    UsersService,
    PasswordHasher,
    { provide: ActiveUserLookup, useExisting: UsersService },
  ],
  exports: [UsersService, PasswordHasher, ActiveUserLookup],
})
export class UsersModule {}
