import { describe, expect, it } from 'vitest';

import { decodeXmlEntities, htmlToText } from '../../server/src/import/html.ts';

describe('htmlToText', () => {
  it.each([
    [
      'an attribute holding ">" and entities outside any table of ~90',
      '<p title="a > b">Caf&eacute; &Ccedil;a &oslash;</p>',
      'Café Ça ø',
    ],
    [
      'every named entity of HTML, numeric references, legacy forms without ";"',
      '&Aring;ngstr&ouml;m &thetasym; &lang;x&rang; &#x1F600; &#233; &copy 2024',
      'Ångström ϑ ⟨x⟩ 😀 é © 2024',
    ],
    ['unknown entities stay as written', 'AT&T &zzzz; & co', 'AT&T &zzzz; & co'],
    [
      'blocks become lines, list items " - " items',
      '<h2>Key</h2><ul><li>One &amp; two</li><li>Three</li></ul>tail<br/>end',
      'Key\n- One & two\n- Three\ntail\nend',
    ],
    [
      'script, style, template and noscript bodies are not text',
      '<p>a<script>if (x < y) alert("</p>")</script>b</p><style>p > a {}</style><noscript>enable JS</noscript>c',
      'ab\nc',
    ],
    ['comments, even with ">" inside, vanish', 'x<!-- a > b -->y', 'xy'],
    ['markup-looking text that is escaped stays text', '&lt;b&gt;bold&lt;/b&gt;', '<b>bold</b>'],
    ['unclosed and upper-case tags', '<P>one<DIV>two<p>three', 'one\ntwo\nthree'],
    [
      'attributes with quotes and slashes do not leak',
      '<a href="https://x.org/a?b=1&amp;c=2" data-x=\'>\'>link</a> text',
      'link text',
    ],
    ['non-breaking spaces collapse like spaces', 'a&nbsp;&nbsp; b', 'a b'],
  ])('%s', (_case, html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe('decodeXmlEntities', () => {
  it('decodes the five XML entities and character references, nothing else', () => {
    expect(decodeXmlEntities('&lt;p&gt; &quot;&apos;&amp; &#233;&#xE9; &eacute;')).toBe(
      '<p> "\'& éé &eacute;',
    );
  });

  it('turns references to no character into U+FFFD', () => {
    expect(decodeXmlEntities('&#0; &#xD800; &#x110000;')).toBe('\uFFFD \uFFFD \uFFFD');
  });
});
