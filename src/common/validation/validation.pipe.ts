import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import { FieldProblem, ValidationFailedException } from '../errors/domain.exception';

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldProblem[] = error.constraints
      ? [{ field, problems: Object.values(error.constraints) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * `null` is a value only where the DTO documents the field as nullable (`nullable: true` in its
 * @ApiProperty, which openapi.json shows): elsewhere `@IsOptional()` would let it through to a
 * NOT NULL column. Walks the validated DTO and names every such field.
 */
export function nullProblems(value: unknown, parent = ''): FieldProblem[] {
  if (value === null || typeof value !== 'object') {
    return [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => nullProblems(item, parent ? `${parent}.${i}` : String(i)));
  }
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype === null || prototype === Object.prototype) {
    return [];
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => {
    const field = parent ? `${parent}.${key}` : key;
    if (item === null) {
      const doc = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, key) as
        { nullable?: boolean } | undefined;
      return doc?.nullable ? [] : [{ field, problems: [`${field} must not be null`] }];
    }
    return nullProblems(item, field);
  });
}

class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const result: unknown = await super.transform(value, metadata);
    const problems = nullProblems(result);
    if (problems.length > 0) {
      throw new ValidationFailedException(problems);
    }
    return result;
  }
}

/** Validation at the edge: unknown fields refused, types converted, every bad field named. */
export function createValidationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new ValidationFailedException(flatten(errors)),
  });
}
