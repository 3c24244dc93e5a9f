import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
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

/** A route that takes one image (`file`, multipart): the interceptor and its OpenAPI body. */
export function ImageUpload(): MethodDecorator {
  return applyDecorators(
    UseInterceptors(IMAGE_UPLOAD),
    ApiConsumes('multipart/form-data'),
    ApiBody(IMAGE_BODY),
  );
}

/** A route that answers a stored image (metadata stripped), inline. */
export function ImageDownload(what: string): MethodDecorator {
  return applyDecorators(
    ApiProduces('image/jpeg', 'image/png'),
    ApiOkResponse({ description: `${what} (metadata stripped)` }),
  );
}
