// npm start: the server (serve.ts) from its bundle, built first when its sources changed (bundle/).
// npm start gives Node the compile cache at launch (package.json), so this entry and the launcher
// load already type-stripped and compiled.
import { runServer } from './bundle/serverBundle.ts';

await runServer('serve');
