import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailedException } from '../errors/domain.exception';

/** Route ids are positive integers; anything else is a 400 naming the parameter. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    if (!/^[1-9]\d{0,9}$/.test(value) || Number(value) > 4294967295) {
      throw ValidationFailedException.field(metadata.data ?? 'id', 'must be a positive integer');
    }
    return Number(value);
  }
}
