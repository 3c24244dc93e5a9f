import { Injectable } from '@nestjs/common';
import { Action, Resource } from '../../common/access/access-policy';
import { AccessRepository } from '../../common/access/access.repository';
import { AuthUser } from '../../common/auth/auth-user';
import { NotFoundException } from '../../common/errors/domain.exception';
import { PlacementsService } from '../placements/placements.service';
import { PlacementSummary } from '../placements/placements.types';
import { MonitoringException } from './monitoring.exception';
import { UploadedImage } from './monitoring.types';
import { CleanImage, sanitizeImage } from './image-sanitizer';

/** Photos and evidence: at most 2 MB. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/**
 * The placement a monitoring record hangs on, checked against the access policy: every
 * monitoring record is in scope exactly when its placement is (for the record's resource).
 */
@Injectable()
export class MonitoredPlacements {
  constructor(
    private readonly access: AccessRepository,
    private readonly placements: PlacementsService,
  ) {}

  /** The placement, when in the user's scope of `resource` for `action`; else 404. */
  async get(
    user: AuthUser,
    resource: Resource,
    id: number,
    action: Action,
  ): Promise<PlacementSummary> {
    await this.access.assertInScope(user, resource, id, action, undefined, 'placement');
    const placement = await this.placements.findSummary(id);
    if (!placement) {
      throw new NotFoundException('placement', id);
    }
    return placement;
  }

  /** A record of `placementId` (entity `entity`, id `id`): 404 as the record when out of scope. */
  async assertRecord(
    user: AuthUser,
    resource: Resource,
    placementId: number,
    action: Action,
    entity: string,
    id: number,
  ): Promise<void> {
    if (!(await this.access.inScope(user, resource, placementId, action))) {
      throw new NotFoundException(entity, id);
    }
  }
}

/** An uploaded photo or letter: a JPEG or PNG by its content, at most 2 MB, metadata stripped. */
export function cleanUpload(file: UploadedImage | undefined): CleanImage {
  if (!file) {
    throw MonitoringException.noFile();
  }
  if (file.size > MAX_IMAGE_BYTES || file.buffer.length > MAX_IMAGE_BYTES) {
    throw MonitoringException.fileTooLarge(MAX_IMAGE_BYTES);
  }
  const clean = sanitizeImage(file.buffer);
  if (!clean) {
    throw MonitoringException.unsupportedImage();
  }
  return clean;
}
