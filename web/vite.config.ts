import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter({ out: 'build' }),
      // Nonces for server-rendered pages, hashes if anything is ever prerendered.
      csp: {
        mode: 'auto',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          // Svelte component CSS ships as files; SvelteKit adds a nonce for anything it inlines.
          'style-src': ['self'],
          // The one inline style attribute is SvelteKit's own route announcer (visually hidden), allowed
          // by its hash: https://github.com/sveltejs/kit/issues/11993
          'style-src-attr': [
            'unsafe-hashes',
            'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo=',
          ],
          // cytoscape draws on <canvas>; PNG export hands the browser blob:/data: URLs; a show's
          // page shows its cover art from the podcast's host.
          'img-src': ['self', 'data:', 'blob:', 'https:'],
          'font-src': ['self'],
          // The episode player streams the feed's enclosure from the podcast's own host (media runs no code).
          'media-src': ['self', 'https:', 'http:'],
          // The browser only ever talks to this origin (/graphql is proxied to the API).
          'connect-src': ['self'],
          'object-src': ['none'],
          'base-uri': ['self'],
          'form-action': ['self'],
          'frame-ancestors': ['none'],
        },
      },
    }),
  ],
});
