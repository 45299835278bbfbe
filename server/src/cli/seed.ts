// npm run seed : loads the shipped seed data into the configured store (idempotent).
import { SEED_FILES } from '../seed.ts';
import { importFilesCommand } from './run.ts';

await importFilesCommand(SEED_FILES);
