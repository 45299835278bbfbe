// npm run import -- FILE|URL... : imports feed files or http(s) feed URLs (page text, RSS, papergraph JSON)
// into the configured store.
import { importFilesCommand } from './run.ts';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run import -- FILE|URL [FILE|URL...]');
  process.exitCode = 2;
} else {
  await importFilesCommand(files);
}
