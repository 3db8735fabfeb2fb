import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addSvgTitles } from '../../src/render/svg-titles.js';

test('a graphics-symbol with an aria-label gets a <title>, re-escaped line by line', () => {
  const svg =
    '<g><path aria-label="a&lt;b&gt; &amp;c &quot;q&quot;&#xA;next" role="graphics-symbol" d="M0,0"/>' +
    '<path role="graphics-object" aria-label="axis" d="M1,1"/><rect d="x"/></g>';
  assert.equal(
    addSvgTitles(svg),
    '<g><path aria-label="a&lt;b&gt; &amp;c &quot;q&quot;&#xA;next" role="graphics-symbol" d="M0,0">' +
      '<title>a&lt;b&gt; &amp;c &quot;q&quot;\nnext</title></path>' +
      '<path role="graphics-object" aria-label="axis" d="M1,1"/><rect d="x"/></g>',
  );
});

test('control characters in a label become ? in the title', () => {
  const out = addSvgTitles('<path aria-label="x&#x9;y\u001b" role="graphics-symbol"/>');
  assert.match(out, /<title>x\?y\?<\/title>/);
});
