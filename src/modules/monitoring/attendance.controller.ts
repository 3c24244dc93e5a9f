import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  StreamableFile,
  UploadedFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/decorators';
import { PageQueryDto } from '../../common/pagination/pagination';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { AttendanceService } from './attendance.service';
import {
  AttendanceDto,
  AttendancePageDto,
  AttendanceSummaryDto,
  RecordAttendanceDto,
} from './dto/monitoring.dto';
import { UploadedImage } from './monitoring.types';
import { ImageDownload, ImageUpload } from './uploads';

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('api/v1')
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Get('placements/:id/attendance')
  @Access('attendance', Action.List)
  @ApiOkResponse({ type: AttendancePageDto })
  list(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: PageQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<AttendancePageDto> {
    return this.attendance.list(user, id, query);
  }

  @Get('placements/:id/attendance/summary')
  @Access('attendance', Action.Read)
  @ApiOkResponse({ type: AttendanceSummaryDto })
  summary(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<AttendanceSummaryDto> {
    return this.attendance.summary(user, id);
  }

  @Put('placements/:id/attendance/:day')
  @Access('attendance', Action.Create)
  @ApiOkResponse({ type: AttendanceDto })
  record(
    @Param('id', ParseIdPipe) id: number,
    @Param('day') day: string,
    @Body() dto: RecordAttendanceDto,
    @CurrentUser() user: AuthUser,
  ): Promise<AttendanceDto> {
    return this.attendance.record(user, id, day, dto);
  }

  @Post('attendance/:id/confirm')
  @HttpCode(200)
  @Access('attendance', Action.Act)
  @ApiOkResponse({ type: AttendanceDto })
  confirm(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<AttendanceDto> {
    return this.attendance.confirm(user, id);
  }

  @Put('attendance/:id/evidence')
  @Access('attendance', Action.Change)
  @ImageUpload()
  @ApiOkResponse({ type: AttendanceDto })
  putEvidence(
    @Param('id', ParseIdPipe) id: number,
    @UploadedFile() file: UploadedImage | undefined,
    @CurrentUser() user: AuthUser,
  ): Promise<AttendanceDto> {
    return this.attendance.putEvidence(user, id, file);
  }

  @Get('attendance/:id/evidence')
  @Access('attendance', Action.Read)
  @ImageDownload('The evidence')
  async evidence(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<StreamableFile> {
    const { data, mime } = await this.attendance.evidence(user, id);
    return new StreamableFile(data, { type: mime, disposition: 'inline' });
  }
}
