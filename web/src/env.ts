// Environment the web server reads when it starts (invalid values stop it with a clear message).
import { defineEnvVars } from '@sveltejs/kit/env';

import { parseApiPort, parseApiUrl } from '#lib/apiEndpoint.ts';

export const variables = defineEnvVars({
  API_URL: {
    description: 'GraphQL endpoint of the papergraph API, e.g. http://127.0.0.1:4000/graphql',
    schema: parseApiUrl,
  },
  API_PORT: {
    description: 'Port of the papergraph API on 127.0.0.1 when API_URL is not set (default 4000)',
    schema: parseApiPort,
  },
});
