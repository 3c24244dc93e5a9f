import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActiveUserLookup } from '../../common/auth/active-user-lookup';
import { AuditModule } from '../audit/audit.module';
import { CompaniesModule } from '../companies/companies.module';
import { RegionsModule } from '../regions/regions.module';
import { SchoolsModule } from '../schools/schools.module';
import { StudentsModule } from '../students/students.module';
import { PasswordHasher } from './password-hasher';
import { PasswordResetToken } from './password-reset-token.entity';
import { PasswordResetTokensRepository } from './password-reset-tokens.repository';
import { PasswordsService } from './passwords.service';
import { User } from './user.entity';
import { SupervisorsController } from './supervisors.controller';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  // Above schools, students and companies: a new user's scope ids are checked with their owners.
  imports: [
    TypeOrmModule.forFeature([User, PasswordResetToken]),
    AuditModule,
    RegionsModule,
    SchoolsModule,
    StudentsModule,
    CompaniesModule,
  ],
  controllers: [UsersController, SupervisorsController],
  providers: [
    UsersService,
    UsersRepository,
    PasswordHasher,
    PasswordsService,
    PasswordResetTokensRepository,
    { provide: ActiveUserLookup, useExisting: UsersService },
  ],
  exports: [UsersService, PasswordsService, PasswordHasher, ActiveUserLookup],
})
export class UsersModule {}
