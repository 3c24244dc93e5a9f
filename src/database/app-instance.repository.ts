import type { DataSource } from 'typeorm';
import { AppInstance } from './app-instance.entity';

/** This database's random id (made by its first migration), or null before the migrations. */
export async function readInstanceId(dataSource: DataSource): Promise<string | null> {
  const instance = await dataSource.getRepository(AppInstance).findOneBy({ id: 1 });
  return instance?.instanceId ?? null;
}
