import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, escapeMarkdown, sanitizeText } from '../../src/render/sanitize.js';

test('sanitizeText replaces terminal controls and bidi overrides', () => {
  assert.equal(sanitizeText('eth0\u001b[31m\nx\u202ey'), 'eth0?[31m?x?y');
});

test('escapeHtml turns markup into entities', () => {
  assert.equal(
    escapeHtml(`<script>alert(1)</script> & "q" 'a'`),
    '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;',
  );
});

test('escapeMarkdown neutralises HTML, inline syntax, pipes and backticks', () => {
  assert.equal(
    escapeMarkdown('<script>alert(1)</script>|`eth9`'),
    '&lt;script>alert(1)&lt;/script>\\|\\`eth9\\`',
  );
  assert.equal(escapeMarkdown('[x](http://e/) *b* ~s~'), '\\[x\\](http://e/) \\*b\\* \\~s\\~');
  assert.equal(escapeMarkdown('a & b'), 'a &amp; b');
});

test('escapeMarkdown keeps intraword underscores and escapes emphasis ones', () => {
  assert.equal(escapeMarkdown('nic_rx>outer_rcv'), 'nic_rx>outer_rcv');
  assert.equal(escapeMarkdown('_em_ x_'), '\\_em\\_ x\\_');
});

test('escapeMarkdown stops a leading block marker from starting a list, heading or quote', () => {
  assert.equal(escapeMarkdown('- item'), '\\- item');
  assert.equal(escapeMarkdown('# h'), '\\# h');
  assert.equal(escapeMarkdown('> q'), '\\> q');
  assert.equal(escapeMarkdown('1. x'), '1\\. x');
  assert.equal(escapeMarkdown('4.02 s'), '4.02 s');
});
