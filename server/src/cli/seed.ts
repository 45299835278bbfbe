// npm run seed : loads the shipped seed data into the configured store (idempotent).
import { importFiles } from '../import/importFiles.ts';
import { SEED_FILES } from '../seed.ts';
import { printImportResults, runWithStore } from './run.ts';

await runWithStore(async (store) => printImportResults(await importFiles(store, SEED_FILES)));
