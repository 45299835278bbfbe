// npm start: the server (serve.ts) from its bundle, built first when its sources changed (bundle/).
import { runServer } from './bundle/serverBundle.ts';

await runServer('serve');
