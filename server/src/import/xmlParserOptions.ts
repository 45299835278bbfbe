// fast-xml-parser settings for untrusted XML (feeds, provider answers): values stay text as written,
// attributes are kept with an `@_` prefix, and the parser expands no entity itself (callers decode
// the five XML entities and character references, and refuse DOCTYPEs declaring more).
import type { X2jOptions } from 'fast-xml-parser';

export const LITERAL_XML_OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
} as const satisfies Partial<X2jOptions>;
