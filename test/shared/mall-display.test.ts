import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentTypeOf, extensionOf, MIME_BY_EXTENSION } from '../../shared/file-types.ts';
import { showsCustomerName } from '../../shared/mall-display.ts';
import { MIME_BY_EXTENSION as FROM_MALL_RULES } from '../../shared/mall-rules.ts';

test('only Rakuten shows the customer name: Yahoo! gives a masked id', () => {
  assert.equal(showsCustomerName('rakuten'), true);
  assert.equal(showsCustomerName('yahoo'), false);
});

test('a file type comes from its name, whatever the case of the extension', () => {
  assert.equal(contentTypeOf('photo.PNG'), 'image/png');
  assert.equal(contentTypeOf('scan.jpeg'), 'image/jpeg');
  assert.equal(contentTypeOf('a.b.Jpg'), 'image/jpeg');
  assert.equal(contentTypeOf('invoice.pdf'), 'application/pdf');
  assert.equal(contentTypeOf('anim.gif'), 'image/gif');
  assert.equal(contentTypeOf('notes.txt'), 'application/octet-stream');
  assert.equal(contentTypeOf('README'), 'application/octet-stream');
  assert.equal(extensionOf('README'), '');
  assert.equal(extensionOf('x.TaR.GZ'), 'gz');
});

test('the mall rules hand out the same extension table', () => {
  assert.equal(FROM_MALL_RULES, MIME_BY_EXTENSION);
});
