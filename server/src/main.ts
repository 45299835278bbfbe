// npm start: the compile cache first, then the server (serve.ts), whose modules it then caches.
import { useCompileCache } from './compileCache.ts';

useCompileCache();
await import('./serve.ts');
