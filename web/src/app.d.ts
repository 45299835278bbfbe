// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
      /** Extra line shown under the message, e.g. how to get the API running. */
      hint?: string;
    }
  }
}

export {};
