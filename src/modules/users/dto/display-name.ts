import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength } from 'class-validator';

/** A user's display name: 1–100 characters once trimmed. */
export const DisplayName = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ example: 'Siti Rahmawati', minLength: 1, maxLength: 100 }),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.trim() : value,
    ),
    IsString(),
    Matches(/\S/, { message: 'name must not be blank' }),
    MaxLength(100),
  );
