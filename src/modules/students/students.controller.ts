import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { Role } from '../../common/auth/role.enum';
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
@Roles(Role.Admin, Role.Coordinator, Role.SchoolAdmin, Role.Student)
@Controller('api/v1/students')
export class StudentsController {
  constructor(private readonly students: StudentsService) {}

  @Post()
  @Roles(Role.Admin, Role.Coordinator, Role.SchoolAdmin)
  @ApiCreatedResponse({ type: StudentResponseDto })
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateStudentDto,
  ): Promise<StudentResponseDto> {
    return this.students.create(user, dto);
  }

  @Get()
  @ApiOkResponse({ type: StudentPageDto })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListStudentsQuery,
  ): Promise<StudentPageDto> {
    const page = await this.students.list(user, query);
    return { items: page.items.map((s) => toListItem(s)), meta: page.meta };
  }

  @Get(':id')
  @ApiOkResponse({ type: StudentResponseDto })
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<StudentResponseDto> {
    return this.students.get(user, id);
  }

  /** A student may change only their phone, email and domicile region (SELF_EDITABLE). */
  @Patch(':id')
  @ApiOkResponse({ type: StudentResponseDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateStudentDto,
  ): Promise<StudentResponseDto> {
    return this.students.update(user, id, dto);
  }
}
