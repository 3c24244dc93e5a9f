import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Access } from '../../common/access/access.decorator';
import { Action } from '../../common/access/access-policy';
import { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Public } from '../../common/auth/decorators';
import { ParseIdPipe } from '../../common/validation/parse-id.pipe';
import { AssessmentService } from './assessment.service';
import {
  AssessmentDto,
  AssessmentResultDto,
  CertificateDto,
  PlacementUnitDto,
  VerificationDto,
} from './dto/monitoring.dto';

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('api/v1/placements')
export class AssessmentController {
  constructor(private readonly assessments: AssessmentService) {}

  @Post(':id/assessment')
  @HttpCode(200)
  @Access('assessment', Action.Act)
  @ApiOkResponse({
    type: AssessmentResultDto,
    description: 'Completes the placement and issues its certificate; a repeat answers the same',
  })
  complete(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: AssessmentDto,
    @CurrentUser() user: AuthUser,
  ): Promise<AssessmentResultDto> {
    return this.assessments.complete(user, id, dto);
  }

  @Get(':id/assessment')
  @Access('assessment', Action.Read)
  @ApiOkResponse({ type: AssessmentResultDto })
  get(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<AssessmentResultDto> {
    return this.assessments.get(user, id);
  }

  @Get(':id/units')
  @Access('assessment', Action.Read)
  @ApiOkResponse({
    type: [PlacementUnitDto],
    description: "The slot's units: what the journal names and the assessment scores",
  })
  units(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<PlacementUnitDto[]> {
    return this.assessments.units(user, id);
  }

  @Get(':id/certificate')
  @Access('assessment', Action.Read)
  @ApiOkResponse({ type: CertificateDto })
  certificate(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<CertificateDto> {
    return this.assessments.certificate(user, id);
  }

  @Get(':id/certificate/pdf')
  @Access('assessment', Action.Read)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The certificate as a PDF, with its verification QR code' })
  async certificatePdf(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthUser,
  ): Promise<StreamableFile> {
    const pdf = await this.assessments.certificatePdf(user, id);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="sertifikat-${id}.pdf"`,
    });
  }
}

/** The public certificate check (rate-limited per address in the HTTP edge). */
@ApiTags('monitoring')
@Controller('api/v1/verify')
export class VerifyController {
  constructor(private readonly assessments: AssessmentService) {}

  @Get(':code')
  @Public()
  @ApiOkResponse({ type: VerificationDto })
  verify(@Param('code') code: string): Promise<VerificationDto> {
    return this.assessments.verify(code);
  }
}
