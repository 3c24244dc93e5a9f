import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseConfig } from '../config/configuration';
import { typeOrmOptions } from './typeorm-options';

/** For the TypeORM CLI: `typeorm migration:run -d dist/database/data-source.js`. */
export default new DataSource(typeOrmOptions(databaseConfig()));
