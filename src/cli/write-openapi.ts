import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../app.module';
import { createOpenApiDocument } from '../openapi';

/** Writes openapi.json at the repository root; the test command fails when it drifts. */
async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule.register({ worker: false }), {
    // Errors only: without them a missing table (no `npm run migration:run` yet) exits 1 silently.
    logger: ['error'],
  });
  const document = createOpenApiDocument(app);
  const target = join(__dirname, '..', '..', 'openapi.json');
  writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
  process.stdout.write(`wrote ${target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
