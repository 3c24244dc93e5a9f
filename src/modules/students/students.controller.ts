import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { Action } from '../../common/access/access-policy';
import { Access } from '../../common/access/access.decorator';
import { CurrentUser } from '../../common/auth/decorators';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import {
  CreateStudentDto,
  ListStudentsQuery,
  StudentPageDto,
  StudentResponseDto,
  UpdateStudentDto,
} from './dto/student.dto';
import { toListItem } from './student.mapper';
import { StudentsService } from './students.service';

@ApiTags('students')
@ApiBearerAuth()
@Controller('api/v1/students')
export class StudentsController {
  constructor(private readonly students: StudentsService) {}

  @Post()
  @Access('student', Action.Create)
  @ApiCreatedResponse({ type: StudentResponseDto })
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateStudentDto,
  ): Promise<StudentResponseDto> {
    return this.students.create(user, dto);
  }

  @Get()
  @Access('student', Action.List)
  @ApiOkResponse({ type: StudentPageDto })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListStudentsQuery,
  ): Promise<StudentPageDto> {
    const page = await this.students.list(user, query);
    return { items: page.items.map((s) => toListItem(s)), meta: page.meta };
  }

  @Get(':id')
  @Access('student', Action.Read)
  @ApiOkResponse({ type: StudentResponseDto })
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<StudentResponseDto> {
    return this.students.get(user, id);
  }

  /** A student may change only their phone, email and domicile region (students.rules' SELF_EDITABLE). */
  @Patch(':id')
  @Access('student', Action.Change)
  @ApiOkResponse({ type: StudentResponseDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateStudentDto,
  ): Promise<StudentResponseDto> {
    return this.students.update(user, id, dto);
  }
}
