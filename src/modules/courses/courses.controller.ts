import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { CoursesService } from './courses.service';
import { CreateCourseDto, ListCoursesQuery, UpdateCourseDto } from './dto/course.dto';
import { CoursePageDto, CourseResponseDto } from './dto/course-response.dto';

/** Everyone signed in reads the course catalogue; coordinators and admins manage it. */
@ApiTags('courses')
@ApiBearerAuth()
@Controller('api/v1/courses')
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  @Post()
  @Access('course', Action.Create)
  @ApiCreatedResponse({ type: CourseResponseDto })
  async create(@Body() dto: CreateCourseDto): Promise<CourseResponseDto> {
    const { course, units } = await this.courses.create(dto);
    return CourseResponseDto.from(course, units);
  }

  @Get()
  @Access('course', Action.List)
  @ApiOkResponse({ type: CoursePageDto })
  async list(@Query() query: ListCoursesQuery): Promise<CoursePageDto> {
    const page = await this.courses.list(query);
    return {
      items: page.items.map(({ course, units }) => CourseResponseDto.from(course, units)),
      meta: page.meta,
    };
  }

  @Get(':id')
  @Access('course', Action.Read)
  @ApiOkResponse({ type: CourseResponseDto })
  async get(@Param('id', ParseIdPipe) id: number): Promise<CourseResponseDto> {
    const { course, units } = await this.courses.get(id);
    return CourseResponseDto.from(course, units);
  }

  @Patch(':id')
  @Access('course', Action.Change)
  @ApiOkResponse({ type: CourseResponseDto })
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateCourseDto,
  ): Promise<CourseResponseDto> {
    const { course, units } = await this.courses.update(id, dto);
    return CourseResponseDto.from(course, units);
  }
}
