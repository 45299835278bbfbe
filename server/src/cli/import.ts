// npm run import -- FILE... : imports feed files (page text, RSS, papergraph JSON) into the configured store.
import { importFilesCommand } from './run.ts';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run import -- FILE [FILE...]');
  process.exitCode = 2;
} else {
  await importFilesCommand(files);
}
