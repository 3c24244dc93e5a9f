import { testEnvironment } from './helpers/test-env';

Object.assign(process.env, testEnvironment(process.env.JEST_WORKER_ID ?? '1'));
