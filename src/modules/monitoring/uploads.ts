import { FileInterceptor } from '@nestjs/platform-express';
import { MAX_IMAGE_BYTES } from './monitored-placements';

/** One image as `file`, held in memory; a little over the limit so the service names it. */
export const IMAGE_UPLOAD = FileInterceptor('file', {
  limits: { fileSize: MAX_IMAGE_BYTES + 1, files: 1, fields: 0 },
});

export const IMAGE_BODY = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: {
        type: 'string',
        format: 'binary',
        description: 'A JPEG or PNG, at most 2 MB (metadata is stripped)',
      },
    },
  },
};
