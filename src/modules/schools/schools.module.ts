import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Region } from '../regions/region.entity';
import { Program } from './program.entity';
import { SchoolProgram } from './school-program.entity';
import { School } from './school.entity';
import { ProgramsController, SchoolsController } from './schools.controller';
import { SchoolsService } from './schools.service';

@Module({
  imports: [TypeOrmModule.forFeature([School, Program, SchoolProgram, Region])],
  controllers: [SchoolsController, ProgramsController],
  providers: [SchoolsService],
  exports: [SchoolsService],
})
export class SchoolsModule {}
